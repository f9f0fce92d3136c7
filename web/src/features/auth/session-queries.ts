import { queryOptions } from "@tanstack/react-query";
import type { LoginRequest } from "@surgedesk/shared";
import { api, nullOn, request } from "../../lib/api.ts";

/** Who is signed in; null when nobody is (the API answered 401). */
export const meQueryOptions = queryOptions({
  queryKey: ["auth", "me"],
  queryFn: async () => (await nullOn(401, request(api.api.auth.me.$get())))?.user ?? null,
  staleTime: 60_000,
});

export async function signIn(credentials: LoginRequest) {
  return (await request(api.api.auth.login.$post({ json: credentials }))).user;
}

export async function signOut() {
  await request(api.api.auth.logout.$post());
}
