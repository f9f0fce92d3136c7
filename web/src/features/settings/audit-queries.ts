import { infiniteQueryOptions } from "@tanstack/react-query";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";
import { auditApiQuery, type AuditFilters } from "./audit-filters.ts";

const PAGE_SIZE = 50;

/** The audit log newest first, a page at a time: the next page starts after the last entry seen. */
export function auditQueryOptions(filters: AuditFilters) {
  const query = auditApiQuery(filters);
  return infiniteQueryOptions({
    queryKey: [...settingsKeys.audit, query],
    queryFn: async ({ pageParam }) =>
      await request(api.api.audit.$get({ query: { limit: String(PAGE_SIZE), ...query, ...(pageParam && { before: pageParam }) } })),
    initialPageParam: "",
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}
