import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { BulkRequest, MessageFilter, MessagePatch, QueueSort } from "@surgedesk/shared";
import { api, toApiError } from "../../lib/api.ts";
import { toQuery } from "./inbox-search.ts";

/** The first page is small so the first rows paint at once; later pages are larger for long scrolls. */
const FIRST_PAGE = 50;
const NEXT_PAGE = 200;

export const listKey = (filter: MessageFilter, sort: QueueSort) => ["messages", "list", filter, sort] as const;

export function inboxQueryOptions(filter: MessageFilter, sort: QueueSort) {
  return infiniteQueryOptions({
    queryKey: listKey(filter, sort),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const res = await api.api.messages.$get({
        query: { ...toQuery(filter), sort, ...(pageParam && { cursor: pageParam }), limit: String(pageParam ? NEXT_PAGE : FIRST_PAGE) },
      });
      if (res.status !== 200) throw await toApiError(res);
      return res.json();
    },
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // The live stream keeps the list current; a reload of every page would move the agent's place.
    staleTime: Infinity,
  });
}

/** The messages among `ids` that match the filter now, as the live stream asks after an event. */
export async function fetchMatching(filter: MessageFilter, sort: QueueSort, ids: readonly string[]) {
  const res = await api.api.messages.$get({ query: { ...toQuery(filter), sort, ids: ids.join(","), limit: "200" } });
  if (res.status !== 200) throw await toApiError(res);
  return (await res.json()).items;
}

export function messageQueryOptions(id: string) {
  return queryOptions({
    queryKey: ["messages", "detail", id],
    queryFn: async () => {
      const res = await api.api.messages[":id"].$get({ param: { id } });
      if (res.status !== 200) throw await toApiError(res);
      return res.json();
    },
  });
}

export function messageContextQueryOptions(id: string) {
  return queryOptions({
    queryKey: ["messages", "context", id],
    queryFn: async () => {
      const res = await api.api.messages[":id"].context.$get({ param: { id } });
      if (res.status !== 200) throw await toApiError(res);
      return res.json();
    },
  });
}

export const queueCountsQueryOptions = queryOptions({
  queryKey: ["queues"],
  queryFn: async () => {
    const res = await api.api.queues.$get();
    if (res.status !== 200) throw await toApiError(res);
    return res.json();
  },
  staleTime: 5_000,
});

export async function countMatching(filter: MessageFilter) {
  const res = await api.api.queues.count.$get({ query: toQuery(filter) });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}

export const slaPolicyQueryOptions = queryOptions({
  queryKey: ["sla"],
  queryFn: async () => {
    const res = await api.api.sla.$get();
    if (res.status !== 200) throw await toApiError(res);
    return res.json();
  },
  staleTime: 60_000,
});

export const assigneesQueryOptions = queryOptions({
  queryKey: ["assignees"],
  queryFn: async () => {
    const res = await api.api.triage.assignees.$get();
    if (res.status !== 200) throw await toApiError(res);
    return (await res.json()).items;
  },
  staleTime: 60_000,
});

export async function patchMessage(id: string, patch: MessagePatch) {
  const res = await api.api.messages[":id"].$patch({ param: { id }, json: patch });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}

export async function hideMessage(id: string) {
  const res = await api.api.messages[":id"].hide.$post({ param: { id } });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}

export async function runBulk(request: BulkRequest) {
  const res = await api.api.triage.bulk.$post({ json: request });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}

export async function undoBulk(id: string) {
  const res = await api.api.triage.bulk[":id"].undo.$post({ param: { id } });
  if (res.status !== 200) throw await toApiError(res);
  return res.json();
}
