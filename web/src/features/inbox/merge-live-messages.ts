import type { InfiniteData } from "@tanstack/react-query";
import type { Message, MessagePage, QueueSort } from "@surgedesk/shared";
import { compareMessages } from "./sort-key.ts";

/**
 * The list after a live update: messages that were asked about are replaced where they stand
 * if they still match, dropped if they no longer do, and new ones slotted in at their place in
 * the order — but only within what is loaded, since the next page will bring the rest.
 */
export function mergeLiveMessages<PageParam>(
  data: InfiniteData<MessagePage, PageParam>,
  asked: readonly string[],
  matching: readonly Message[],
  sort: QueueSort,
): InfiniteData<MessagePage, PageParam> {
  const askedSet = new Set(asked);
  const byId = new Map(matching.map((m) => [m.id, m]));
  const placed = new Set<string>();
  // Replace in place where the order did not change; otherwise drop it and place it again below.
  const pages = data.pages.map((page) => ({
    ...page,
    items: page.items.flatMap((item) => {
      if (!askedSet.has(item.id)) return [item];
      const fresh = byId.get(item.id);
      if (!fresh || compareMessages(sort, fresh, item) !== 0) return [];
      placed.add(item.id);
      return [fresh];
    }),
  }));
  const lastPage = pages.at(-1);
  const complete = !lastPage || lastPage.nextCursor === null;
  for (const message of matching) {
    if (placed.has(message.id)) continue;
    const page = pages.find((p) => {
      const last = p.items.at(-1);
      return last !== undefined && compareMessages(sort, message, last) <= 0;
    });
    const target = page ?? (complete ? lastPage : undefined);
    if (!target) continue;
    const at = target.items.findIndex((item) => compareMessages(sort, message, item) < 0);
    if (at === -1) target.items.push(message);
    else target.items.splice(at, 0, message);
  }
  return { ...data, pages };
}
