import type { SavedViewFilter } from "@surgedesk/shared";
import { DEFAULT_QUEUE, type InboxSearch } from "../inbox/inbox-search.ts";

/** The console's search as a view's filter: only what is set, the queue made explicit. */
export function viewFilterOf(search: InboxSearch): SavedViewFilter {
  const filter = Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as SavedViewFilter;
  return { ...filter, queue: search.queue ?? DEFAULT_QUEUE };
}

/** The view the console shows now, if its filters are exactly these. */
export function sameFilter(a: SavedViewFilter, b: SavedViewFilter): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof SavedViewFilter)[]);
  return [...keys].every((key) => (a[key] ?? undefined) === (b[key] ?? undefined));
}
