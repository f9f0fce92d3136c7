import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Message } from "@surgedesk/shared";
import type { InboxSearch } from "./inbox-search.ts";
import { MessageRow, ROW_HEIGHT } from "./message-row.tsx";

/** Start loading the next page while this many rows are still below the fold. */
const PREFETCH_ROWS = 40;

/**
 * The virtualized list: only the rows in view (and a few around) are in the DOM, so 50,000
 * messages scroll like 50. Live updates insert and remove rows; the row at the top of the view
 * stays where it is on screen unless the agent is at the very top, where new messages should
 * simply appear. It owns its scroll container: the virtualizer measures that element in a layout
 * effect, and a parent's ref is attached only after its children's layout effects have run (the
 * list stayed blank after a client-side navigation, until something else re-rendered it).
 */
export function MessageList({
  items,
  selectedId,
  checked,
  onToggle,
  search,
  now,
  hasNextPage,
  fetchNextPage,
  loadingMore,
  scrollRef,
  children,
}: {
  items: Message[];
  selectedId: string | undefined;
  checked: ReadonlySet<string>;
  onToggle: (id: string) => void;
  search: InboxSearch;
  now: number;
  hasNextPage: boolean;
  fetchNextPage: () => void;
  loadingMore: boolean;
  scrollRef: React.RefObject<HTMLDivElement | null>;
  /** Shown above the rows inside the scroll container (an error, the empty state). */
  children?: ReactNode;
}) {
  // TanStack Virtual keeps its own mutable state, which React's compiler cannot memoize; it is
  // meant to be used exactly like this.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasNextPage && !loadingMore && lastIndex >= items.length - PREFETCH_ROWS) fetchNextPage();
  }, [lastIndex, items.length, hasNextPage, loadingMore, fetchNextPage]);

  // Keep the agent's place: remember which row is at the top of the view and how far into it.
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const [newAbove, setNewAbove] = useState(0);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onScroll = () => {
      const index = Math.floor(element.scrollTop / ROW_HEIGHT);
      const item = element.scrollTop < ROW_HEIGHT / 2 ? undefined : items[index];
      anchor.current = item ? { id: item.id, offset: element.scrollTop - index * ROW_HEIGHT } : null;
      if (!item) setNewAbove(0);
    };
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => element.removeEventListener("scroll", onScroll);
  }, [items, scrollRef]);
  const previous = useRef(items);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const before = previous.current;
    previous.current = items;
    if (!element || !anchor.current || before === items) return;
    const { id, offset } = anchor.current;
    const was = before.findIndex((m) => m.id === id);
    const now = items.findIndex((m) => m.id === id);
    if (now === -1 || was === now) return;
    element.scrollTop = now * ROW_HEIGHT + offset;
    if (now > was) setNewAbove((n) => n + (now - was));
  }, [items, scrollRef]);

  return (
    <div className="list-scroll" ref={scrollRef}>
      {children}
      {newAbove > 0 && (
        <button
          className="new-above"
          onClick={() => {
            scrollRef.current?.scrollTo({ top: 0 });
            setNewAbove(0);
          }}
        >
          ↑ {newAbove} new
        </button>
      )}
      <div className="message-list" role="list" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualItems.map((row) => {
          const message = items[row.index]!;
          return (
            <div
              key={message.id}
              role="listitem"
              className="virtual-row"
              data-index={row.index}
              style={{ position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              <MessageRow
                message={message}
                selected={message.id === selectedId}
                checked={checked.has(message.id)}
                onToggle={() => onToggle(message.id)}
                search={search}
                now={now}
              />
            </div>
          );
        })}
      </div>
      {loadingMore && <p className="muted loading-more">Loading…</p>}
    </div>
  );
}
