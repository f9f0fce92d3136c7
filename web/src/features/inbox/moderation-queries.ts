import { queryOptions } from "@tanstack/react-query";
import { api, request } from "../../lib/api.ts";

export const moderationKeys = {
  outcomes: (messageId: string) => ["moderation", "outcomes", messageId] as const,
  mute: (contactId: string) => ["moderation", "mute", contactId] as const,
};

export const outcomesQueryOptions = (messageId: string) =>
  queryOptions({
    queryKey: moderationKeys.outcomes(messageId),
    queryFn: async () => (await request(api.api.moderation.messages[":id"].outcomes.$get({ param: { id: messageId } }))).items,
  });

export const muteQueryOptions = (contactId: string) =>
  queryOptions({
    queryKey: moderationKeys.mute(contactId),
    queryFn: () => request(api.api.contacts[":id"].mute.$get({ param: { id: contactId } })),
  });

export function undoOutcome(outcomeId: string) {
  return request(api.api.moderation.outcomes[":id"].undo.$post({ param: { id: outcomeId } }));
}

export function setMuted(contactId: string, muted: boolean) {
  const route = api.api.contacts[":id"].mute;
  return request(muted ? route.$post({ param: { id: contactId } }) : route.$delete({ param: { id: contactId } }));
}
