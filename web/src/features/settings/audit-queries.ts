import { infiniteQueryOptions } from "@tanstack/react-query";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

const PAGE_SIZE = 50;

/** The audit log newest first, a page at a time: the next page starts before the last entry seen. */
export function auditQueryOptions(entityId: string) {
  return infiniteQueryOptions({
    queryKey: [...settingsKeys.audit, entityId],
    queryFn: async ({ pageParam }) =>
      (
        await request(
          api.api.audit.$get({
            query: { limit: String(PAGE_SIZE), ...(entityId && { entityId }), ...(pageParam && { before: pageParam }) },
          }),
        )
      ).items,
    initialPageParam: "",
    getNextPageParam: (lastPage) => (lastPage.length < PAGE_SIZE ? undefined : lastPage.at(-1)!.createdAt),
  });
}
