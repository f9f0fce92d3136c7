import { queryOptions } from "@tanstack/react-query";
import type { NoteCreate } from "@surgedesk/shared";
import { api, request } from "../../lib/api.ts";

/** The notes' query keys, in one place: the queries below use them, and so does every invalidation. */
export const noteKeys = {
  all: ["notes"] as const,
  forMessage: (messageId: string) => ["notes", "message", messageId] as const,
  mentions: ["notes", "mentions"] as const,
};

export function notesQueryOptions(messageId: string) {
  return queryOptions({
    queryKey: noteKeys.forMessage(messageId),
    queryFn: async () => (await request(api.api.notes.messages[":id"].$get({ param: { id: messageId } }))).items,
  });
}

export const mentionsQueryOptions = queryOptions({
  queryKey: noteKeys.mentions,
  queryFn: async () => (await request(api.api.notes.mentions.$get())).items,
});

export function addNote(messageId: string, body: NoteCreate) {
  return request(api.api.notes.messages[":id"].$post({ param: { id: messageId }, json: body }));
}
