import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { BulkRequest, MessageFilter, MessagePatch, QueueSort } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { toQuery } from "./inbox-search.ts";

/** The first page is small so the first rows paint at once; later pages are larger for long scrolls. */
const FIRST_PAGE = 50;
const NEXT_PAGE = 200;

/** The inbox's query keys, in one place: the queries below use them, and so does every invalidation. */
export const inboxKeys = {
  lists: ["messages", "list"] as const,
  list: (filter: MessageFilter, sort: QueueSort) => [...inboxKeys.lists, filter, sort] as const,
  detail: (id: string) => ["messages", "detail", id] as const,
  context: (id: string) => ["messages", "context", id] as const,
  queues: ["queues"] as const,
  assignees: ["assignees"] as const,
};

export function inboxQueryOptions(filter: MessageFilter, sort: QueueSort) {
  return infiniteQueryOptions({
    queryKey: inboxKeys.list(filter, sort),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      request(
        api.api.messages.$get({
          query: { ...toQuery(filter), sort, ...(pageParam && { cursor: pageParam }), limit: String(pageParam ? NEXT_PAGE : FIRST_PAGE) },
        }),
      ),
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // The live stream keeps the list current; a reload of every page would move the agent's place.
    staleTime: Infinity,
  });
}

/** The messages among `ids` that match the filter now, as the live stream asks after an event. */
export async function fetchMatching(filter: MessageFilter, sort: QueueSort, ids: readonly string[]) {
  return (await request(api.api.messages.$get({ query: { ...toQuery(filter), sort, ids: ids.join(","), limit: "200" } }))).items;
}

export function messageQueryOptions(id: string) {
  return queryOptions({
    queryKey: inboxKeys.detail(id),
    queryFn: () => request(api.api.messages[":id"].$get({ param: { id } })),
  });
}

export function messageContextQueryOptions(id: string) {
  return queryOptions({
    queryKey: inboxKeys.context(id),
    queryFn: () => request(api.api.messages[":id"].context.$get({ param: { id } })),
  });
}

export const queueCountsQueryOptions = queryOptions({
  queryKey: inboxKeys.queues,
  queryFn: () => request(api.api.queues.$get()),
  staleTime: 5_000,
});

export function countMatching(filter: MessageFilter) {
  return request(api.api.queues.count.$get({ query: toQuery(filter) }));
}

export const assigneesQueryOptions = queryOptions({
  queryKey: inboxKeys.assignees,
  queryFn: async () => (await request(api.api.triage.assignees.$get())).items,
  staleTime: 60_000,
});

export function patchMessage(id: string, patch: MessagePatch) {
  return request(api.api.messages[":id"].$patch({ param: { id }, json: patch }));
}

export function hideMessage(id: string) {
  return request(api.api.messages[":id"].hide.$post({ param: { id } }));
}

export function runBulk(change: BulkRequest) {
  return request(api.api.triage.bulk.$post({ json: change }));
}

export function undoBulk(id: string) {
  return request(api.api.triage.bulk[":id"].undo.$post({ param: { id } }));
}
