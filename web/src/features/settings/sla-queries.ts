import { queryOptions } from "@tanstack/react-query";
import type { BusinessCalendar, SlaPolicySet } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const slaPoliciesQueryOptions = queryOptions({
  queryKey: [...settingsKeys.sla, "policies"],
  queryFn: () => request(api.api.sla.policies.$get()),
});

export function saveSlaPolicies(policies: SlaPolicySet) {
  return request(api.api.sla.policies.$put({ json: policies }));
}

export const slaCalendarQueryOptions = queryOptions({
  queryKey: [...settingsKeys.sla, "calendar"],
  queryFn: () => request(api.api.sla.calendar.$get()),
});

export function saveSlaCalendar(calendar: BusinessCalendar) {
  return request(api.api.sla.calendar.$put({ json: calendar }));
}
