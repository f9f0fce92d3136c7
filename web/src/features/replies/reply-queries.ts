import { queryOptions } from "@tanstack/react-query";
import type { CommentToDmRequest, MacroInput, MacroPatch, SendReplyRequest } from "@surgedesk/shared";
import { api, toApiError } from "../../lib/api.ts";

export function suggestionsQueryOptions(messageId: string) {
  return queryOptions({
    queryKey: ["replies", "suggestions", messageId],
    queryFn: async () => {
      const res = await api.api.replies[":messageId"].suggestions.$get({ param: { messageId } });
      if (res.status !== 200) throw await toApiError(res);
      return res.json();
    },
  });
}

export function outboxQueryOptions(messageId: string) {
  return queryOptions({
    queryKey: ["replies", "outbox", messageId],
    queryFn: async () => {
      const res = await api.api.replies[":messageId"].outbox.$get({ param: { messageId } });
      if (res.status !== 200) throw await toApiError(res);
      return (await res.json()).items;
    },
    // While something is queued or being sent, watch it land (or fail).
    refetchInterval: (query) => (query.state.data?.some((i) => i.status === "queued" || i.status === "sending") ? 1_500 : false),
  });
}

export const macrosQueryOptions = queryOptions({
  queryKey: ["macros"],
  queryFn: async () => {
    const res = await api.api.macros.$get();
    if (res.status !== 200) throw await toApiError(res);
    return (await res.json()).macros;
  },
});

export async function sendReply(messageId: string, body: SendReplyRequest) {
  const res = await api.api.replies[":messageId"].send.$post({ param: { messageId }, json: body });
  if (res.status !== 202) throw await toApiError(res);
  return res.json();
}

export async function commentToDm(messageId: string, body: CommentToDmRequest) {
  const res = await api.api.replies[":messageId"]["comment-to-dm"].$post({ param: { messageId }, json: body });
  if (res.status !== 202) throw await toApiError(res);
  return res.json();
}

export async function previewMacro(body: { messageId: string; body: string; channel: "public" | "private" | "internal"; values?: Record<string, string> }) {
  const res = await api.api.replies.preview.$post({ json: body });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}

export async function saveMacro(id: string | null, body: MacroInput | MacroPatch) {
  const res = id ? await api.api.macros[":id"].$patch({ param: { id }, json: body }) : await api.api.macros.$post({ json: body as MacroInput });
  if (res.status !== 200 && res.status !== 201) throw await toApiError(res);
  return (await res.json()).macro;
}

export async function deleteMacro(id: string) {
  const res = await api.api.macros[":id"].$delete({ param: { id } });
  if (res.status !== 200) throw await toApiError(res);
}
