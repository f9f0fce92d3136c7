import { queryOptions } from "@tanstack/react-query";
import type { LoginRequest } from "@surgedesk/shared";
import { api, toApiError } from "../../lib/api.ts";

/** Who is signed in; null when nobody is (the API answered 401). */
export const meQueryOptions = queryOptions({
  queryKey: ["auth", "me"],
  queryFn: async () => {
    const res = await api.api.auth.me.$get();
    // 401 is not in the route's typed answers (the auth middleware sends it), hence the widening.
    if ((res.status as number) === 401) return null;
    if (res.status !== 200) throw await toApiError(res);
    return (await res.json()).user;
  },
  staleTime: 60_000,
});

export async function signIn(credentials: LoginRequest) {
  const res = await api.api.auth.login.$post({ json: credentials });
  if (res.status !== 200) throw await toApiError(res);
  return (await res.json()).user;
}

export async function signOut() {
  const res = await api.api.auth.logout.$post();
  if (res.status !== 200) throw await toApiError(res);
}
