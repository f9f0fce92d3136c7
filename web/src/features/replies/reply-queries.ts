import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { CommentToDmRequest, MacroChannel, MacroInput, MacroPatch, SendReplyRequest } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";

/** The reply engine's query keys, in one place: the queries below use them, and so does every invalidation. */
export const replyKeys = {
  suggestions: (messageId: string) => ["replies", "suggestions", messageId] as const,
  outbox: (messageId: string) => ["replies", "outbox", messageId] as const,
  /** The macros and everything shown from them (their previews too). */
  macros: ["macros"] as const,
  previewMessages: ["macros", "preview-messages"] as const,
  preview: (messageId: string, body: string, channel: MacroChannel) => ["macros", "preview", messageId, body, channel] as const,
};

export function suggestionsQueryOptions(messageId: string) {
  return queryOptions({
    queryKey: replyKeys.suggestions(messageId),
    queryFn: () => request(api.api.replies[":messageId"].suggestions.$get({ param: { messageId } })),
  });
}

export function outboxQueryOptions(messageId: string) {
  return queryOptions({
    queryKey: replyKeys.outbox(messageId),
    queryFn: async () => (await request(api.api.replies[":messageId"].outbox.$get({ param: { messageId } }))).items,
    // While something is queued or being sent, watch it land (or fail).
    refetchInterval: (query) => (query.state.data?.some((i) => i.status === "queued" || i.status === "sending") ? 1_500 : false),
  });
}

export const macrosQueryOptions = queryOptions({
  queryKey: replyKeys.macros,
  queryFn: async () => (await request(api.api.macros.$get())).macros,
});

/** Recent messages to preview a macro against: the preview fills it from a real one. */
export const macroPreviewMessagesQueryOptions = queryOptions({
  queryKey: replyKeys.previewMessages,
  queryFn: async () => (await request(api.api.messages.$get({ query: { limit: "30" } }))).items,
});

/** A macro's text filled from a message, as the agent would send it. */
export function macroPreviewQueryOptions(messageId: string, body: string, channel: MacroChannel) {
  return queryOptions({
    queryKey: replyKeys.preview(messageId, body, channel),
    queryFn: () => request(api.api.replies.preview.$post({ json: { messageId, body, channel } })),
    enabled: messageId !== "" && body.trim() !== "",
    // The last preview stays while the next one loads, instead of blinking out at each keystroke.
    placeholderData: keepPreviousData,
  });
}

export function sendReply(messageId: string, body: SendReplyRequest) {
  return request(api.api.replies[":messageId"].send.$post({ param: { messageId }, json: body }));
}

export function commentToDm(messageId: string, body: CommentToDmRequest) {
  return request(api.api.replies[":messageId"]["comment-to-dm"].$post({ param: { messageId }, json: body }));
}

export async function saveMacro(id: string | null, body: MacroInput | MacroPatch) {
  const saved = id ? await request(api.api.macros[":id"].$patch({ param: { id }, json: body })) : await request(api.api.macros.$post({ json: body as MacroInput }));
  return saved.macro;
}

export async function deleteMacro(id: string) {
  await request(api.api.macros[":id"].$delete({ param: { id } }));
}
