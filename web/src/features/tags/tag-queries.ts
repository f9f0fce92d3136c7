import { queryOptions } from "@tanstack/react-query";
import type { TagColour } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";

/** The tags' query keys, in one place. */
export const tagKeys = {
  list: ["tags"] as const,
};

export const tagsQueryOptions = queryOptions({
  queryKey: tagKeys.list,
  queryFn: async () => (await request(api.api.tags.$get())).items,
  staleTime: 30_000,
});

export function createTag(name: string, colour: TagColour = "grey") {
  return request(api.api.tags.$post({ json: { name, colour } }));
}

export function deleteTag(id: string) {
  return request(api.api.tags[":id"].$delete({ param: { id } }));
}

/** Puts a tag on a message or takes it off; answers the message as it is now. */
export function setMessageTag(messageId: string, tagId: string, on: boolean) {
  return on
    ? request(api.api.messages[":id"].tags.$post({ param: { id: messageId }, json: { tagId } }))
    : request(api.api.messages[":id"].tags[":tagId"].$delete({ param: { id: messageId, tagId } }));
}
