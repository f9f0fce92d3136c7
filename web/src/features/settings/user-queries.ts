import { queryOptions } from "@tanstack/react-query";
import type { CreateUserRequest, UpdateUserRequest } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";
import { settingsKeys } from "./settings-keys.ts";

export const usersQueryOptions = queryOptions({
  queryKey: settingsKeys.users,
  queryFn: async () => (await request(api.api.users.$get())).items,
});

export function addUser(user: CreateUserRequest) {
  return request(api.api.users.$post({ json: user }));
}

export function updateUser(id: string, change: UpdateUserRequest) {
  return request(api.api.users[":id"].$patch({ param: { id }, json: change }));
}

export function disableUser(id: string) {
  return request(api.api.users[":id"].disable.$post({ param: { id } }));
}

export function enableUser(id: string) {
  return request(api.api.users[":id"].enable.$post({ param: { id } }));
}
