import { queryOptions } from "@tanstack/react-query";
import type { OrderSettings } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const orderSettingsQueryOptions = queryOptions({
  queryKey: settingsKeys.orders,
  queryFn: () => request(api.api.orders.settings.$get()),
});

export function saveOrderSettings(settings: OrderSettings) {
  return request(api.api.orders.settings.$put({ json: settings }));
}
