import { queryOptions } from "@tanstack/react-query";
import type { SlaPolicy } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const slaQueryOptions = queryOptions({
  queryKey: settingsKeys.sla,
  queryFn: () => request(api.api.sla.$get()),
});

export function saveSla(policy: SlaPolicy) {
  return request(api.api.sla.$put({ json: policy }));
}
