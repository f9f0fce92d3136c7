import { queryOptions } from "@tanstack/react-query";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const tokensQueryOptions = queryOptions({
  queryKey: settingsKeys.tokens,
  queryFn: async () => (await request(api.api.tokens.$get())).items,
});

export function createToken(token: { name: string; userId?: string; expiresAt?: string }) {
  return request(api.api.tokens.$post({ json: token }));
}

export function revokeToken(id: string) {
  return request(api.api.tokens[":id"].$delete({ param: { id } }));
}
