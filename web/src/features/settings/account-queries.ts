import { queryOptions } from "@tanstack/react-query";
import type { ConnectAccountRequest } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const accountsQueryOptions = queryOptions({
  queryKey: settingsKeys.accounts,
  queryFn: async () => (await request(api.api.accounts.$get())).items,
});

export function connectAccount(account: ConnectAccountRequest) {
  return request(api.api.accounts.$post({ json: account }));
}
