import { QUEUES, type Message, type QueueSort } from "@surgedesk/shared";
import { DEFAULT_QUEUE, type InboxSearch } from "./inbox-search.ts";

const RANK = { high: 0, medium: 1, low: 2 } as const;

/** The API's escalation rank: 0 high … 3 none, so ascending is most urgent first. */
export const escalationRank = (message: Pick<Message, "escalationLevel">) =>
  message.escalationLevel ? RANK[message.escalationLevel] : 3;

export const sortOf = (search: InboxSearch): QueueSort => search.sort ?? QUEUES[search.queue ?? DEFAULT_QUEUE].sort;

/** The list's order, as the API sorts it, to place a live message without reloading. */
export function compareMessages(sort: QueueSort, a: Message, b: Message): number {
  const byId = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const byTime = a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
  switch (sort) {
    case "priority":
      return escalationRank(a) - escalationRank(b) || byTime || byId;
    case "oldest":
      return byTime || byId;
    case "newest":
      return -byTime || -byId;
  }
}
