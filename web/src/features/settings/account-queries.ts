import { queryOptions } from "@tanstack/react-query";
import type { AccountChannel, ConnectAccountRequest } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const accountsQueryOptions = queryOptions({
  queryKey: settingsKeys.accounts,
  queryFn: async () => (await request(api.api.accounts.$get())).items,
});

export function connectAccount(account: ConnectAccountRequest) {
  return request(api.api.accounts.$post({ json: account }));
}

export const oauthAvailabilityQueryOptions = queryOptions({
  queryKey: [...settingsKeys.accounts, "oauth"],
  queryFn: async () => (await request(api.api.accounts.oauth.$get())).items,
});

/** Asks the API for the platform's authorize URL (a single-use state is minted for this admin). */
export async function startOAuth(channel: AccountChannel): Promise<string> {
  return (await request(api.api.accounts.oauth[":channel"].start.$post({ param: { channel } }))).authorizeUrl;
}
