import { queryOptions } from "@tanstack/react-query";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

/** Ingest lag, failures and each account's polling state; kept fresh while the page is open. */
export const ingestStatusQueryOptions = queryOptions({
  queryKey: settingsKeys.ingest,
  queryFn: () => request(api.api.ingest.status.$get()),
  refetchInterval: 15_000,
});

/** Puts an event ingestion gave up on back in the queue (admins). */
export function requeueFailedEvent(id: number) {
  return request(api.api.ingest.failed[":id"].retry.$post({ param: { id: String(id) } }));
}
