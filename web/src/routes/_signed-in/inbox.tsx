import { useCallback, useMemo, useRef, useState } from "react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, createFileRoute, useNavigate, useParams } from "@tanstack/react-router";
import type { Message } from "@surgedesk/shared";
import { BulkBar, type BulkOutcome } from "../../features/inbox/bulk-bar.tsx";
import { FilterBar } from "../../features/inbox/filter-bar.tsx";
import { filterOf, inboxSearchSchema } from "../../features/inbox/inbox-search.ts";
import { setInboxUi, useInboxUi } from "../../features/inbox/inbox-ui-store.ts";
import { useLiveConnected } from "../../features/inbox/live-store.ts";
import { mergeLiveMessages } from "../../features/inbox/merge-live-messages.ts";
import { MessageList } from "../../features/inbox/message-list.tsx";
import { ROW_HEIGHT } from "../../features/inbox/message-row.tsx";
import { fetchMatching, inboxKeys, inboxQueryOptions, messageQueryOptions, patchMessage } from "../../features/inbox/message-queries.ts";
import { QueueSidebar } from "../../features/inbox/queue-sidebar.tsx";
import { viewKeys } from "../../features/views/view-queries.ts";
import { ShortcutsOverlay } from "../../features/inbox/shortcuts-overlay.tsx";
import { sortOf } from "../../features/inbox/sort-key.ts";
import { UndoToast } from "../../features/inbox/undo-toast.tsx";
import { useInboxKeys } from "../../features/inbox/use-inbox-keys.ts";
import { useLiveStream } from "../../features/inbox/use-live-stream.ts";
import { useNow } from "../../features/inbox/use-now.ts";
import { EmptyState } from "../../design/empty-state.tsx";
import { Notice } from "../../design/notice.tsx";
import type { InboxSearch } from "../../features/inbox/inbox-search.ts";
import { meQueryOptions } from "../../features/auth/session-queries.ts";
import { VIEWER_REASON } from "../../features/auth/role-reasons.ts";
import "../../features/inbox/inbox.css";

const errorText = (error: unknown) => (error instanceof Error ? error.message : "the server did not answer.");

export const Route = createFileRoute("/_signed-in/inbox")({
  validateSearch: inboxSearchSchema,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => context.queryClient.prefetchInfiniteQuery(inboxQueryOptions(filterOf(deps), sortOf(deps))),
  component: InboxPage,
});

function InboxPage() {
  const search = Route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const selectedId = useParams({ strict: false }).messageId;
  const filter = useMemo(() => filterOf(search), [search]);
  const sort = sortOf(search);
  const query = useInfiniteQuery(inboxQueryOptions(filter, sort));
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  // The post a post's queue is filtered to, as its messages carry it: the filter chip names it.
  const filteredPost = useMemo(() => {
    const message = search.postId ? items.find((m) => m.post?.id === search.postId) : undefined;
    return message?.post ? { post: message.post, platform: message.platform } : null;
  }, [items, search.postId]);
  const now = useNow(30_000);
  const ui = useInboxUi();
  const connected = useLiveConnected();
  const scrollRef = useRef<HTMLDivElement>(null);
  // A selection belongs to the view it was made in: another filter or order starts with none.
  const viewKey = JSON.stringify([filter, sort]);
  const [selection, setSelection] = useState<{ view: string; ids: ReadonlySet<string> }>({ view: viewKey, ids: new Set() });
  const checked = useMemo(() => (selection.view === viewKey ? selection.ids : new Set<string>()), [selection, viewKey]);
  const setChecked = useCallback(
    (update: ReadonlySet<string> | ((current: ReadonlySet<string>) => ReadonlySet<string>)) =>
      setSelection((current) => {
        const base = current.view === viewKey ? current.ids : new Set<string>();
        return { view: viewKey, ids: typeof update === "function" ? update(base) : update };
      }),
    [viewKey],
  );
  const [toast, setToast] = useState<BulkOutcome | null>(null);
  // What a keyboard command could not do, said rather than swallowed.
  const [keyProblem, setKeyProblem] = useState<string | null>(null);
  const { data: me } = useQuery(meQueryOptions);

  // Live: ids from the stream are collected briefly, then the ones matching this view are
  // fetched and merged in place; the counts and any open detail are refreshed too.
  const refresh = useCallback(
    async (ids: string[]) => {
      const key = inboxQueryOptions(filter, sort).queryKey;
      const matching = await fetchMatching(filter, sort, ids);
      queryClient.setQueryData(key, (data) => (data ? mergeLiveMessages(data, ids, matching, sort) : data));
      for (const id of ids) {
        void queryClient.invalidateQueries({ queryKey: inboxKeys.detail(id) });
        void queryClient.invalidateQueries({ queryKey: inboxKeys.context(id) });
      }
      void queryClient.invalidateQueries({ queryKey: inboxKeys.queues });
      void queryClient.invalidateQueries({ queryKey: viewKeys.counts });
    },
    [filter, sort, queryClient],
  );
  const onLive = useCallback((ids: string[]) => void refresh(ids).catch(() => undefined), [refresh]);
  const onResync = useCallback(() => {
    void queryClient.resetQueries({ queryKey: inboxKeys.lists });
    void queryClient.invalidateQueries({ queryKey: inboxKeys.queues });
    void queryClient.invalidateQueries({ queryKey: viewKeys.counts });
  }, [queryClient]);
  useLiveStream(onLive, onResync);

  const open = useCallback(
    (message: Message) => {
      void navigate({ to: "/inbox/$messageId", params: { messageId: message.id }, search });
      const element = scrollRef.current;
      const index = items.indexOf(message);
      if (element && index >= 0) {
        const top = index * ROW_HEIGHT;
        if (top < element.scrollTop) element.scrollTop = top;
        else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
      }
    },
    [navigate, search, items],
  );
  const toggle = useCallback(
    (id: string) =>
      setChecked((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [setChecked],
  );
  const change = useCallback(
    async (message: Message, patch: Parameters<typeof patchMessage>[1]) => {
      const updated = await patchMessage(message.id, patch);
      queryClient.setQueryData(messageQueryOptions(message.id).queryKey, updated);
      await refresh([message.id]);
    },
    [queryClient, refresh],
  );
  useInboxKeys({
    items,
    currentId: selectedId,
    ui,
    open,
    toggle,
    close: (message) => void change(message, { status: "closed" }).catch((error: unknown) => setKeyProblem(`Could not close it: ${errorText(error)}`)),
    assignToMe: (message) => void change(message, { assigneeId: "me" }).catch((error: unknown) => setKeyProblem(`Could not assign it: ${errorText(error)}`)),
    clearSelection: () => setChecked(new Set()),
    readOnlyReason: me?.role === "viewer" ? VIEWER_REASON : null,
    onRefused: setKeyProblem,
  });

  return (
    // On a phone one pane shows at a time: the list, or the open message (with a way back).
    <div className={`inbox${selectedId ? " has-open" : ""}`}>
      <QueueSidebar search={search} />
      <section className="list-pane" aria-label="Messages">
        <FilterBar search={search} post={filteredPost} />
        {checked.size > 0 && <BulkBar selected={checked} filter={filter} onClear={() => setChecked(new Set())} onDone={setToast} />}
        <div className="list-status">
          <span className={`live${connected ? " on" : ""}`}>{connected ? "● Live" : "○ Reconnecting…"}</span>
          <button className="link" onClick={() => setInboxUi({ shortcuts: true })}>
            Shortcuts <kbd className="key-hint">?</kbd>
          </button>
        </div>
        <MessageList
          items={items}
          selectedId={selectedId}
          checked={checked}
          onToggle={toggle}
          search={search}
          now={now}
          hasNextPage={query.hasNextPage}
          fetchNextPage={() => void query.fetchNextPage()}
          loadingMore={query.isFetchingNextPage}
          scrollRef={scrollRef}
        >
          {query.isError && (
            <Notice tone="error" focus={false}>
              Could not load messages: {query.error.message}
            </Notice>
          )}
          {query.isSuccess && items.length === 0 && <EmptyList search={search} />}
        </MessageList>
      </section>
      <section className="detail-pane" aria-label="Message">
        <Outlet />
      </section>
      {ui.shortcuts && <ShortcutsOverlay onClose={() => setInboxUi({ shortcuts: false })} />}
      {toast && <UndoToast outcome={toast} onClose={() => setToast(null)} />}
      {keyProblem && (
        <div className="key-problem">
          <Notice tone="error" focus={false}>
            {keyProblem}{" "}
            <button className="link" onClick={() => setKeyProblem(null)}>
              Dismiss
            </button>
          </Notice>
        </div>
      )}
    </div>
  );
}

/** An empty list says why (a narrowed view, or a queue cleared) and what to do next. */
function EmptyList({ search }: { search: InboxSearch }) {
  const narrowed = Object.entries(search).some(([key, value]) => key !== "queue" && key !== "sort" && value !== undefined);
  return narrowed ? (
    <EmptyState
      title="No message matches this search and these filters."
      action={
        <Link to="/inbox" search={{ queue: search.queue }} className="btn">
          Clear the search and filters
        </Link>
      }
    >
      <p>Try fewer words, or another queue on the left.</p>
    </EmptyState>
  ) : (
    <EmptyState title="Nothing here.">
      <p>This queue is clear. New comments and DMs appear here as they arrive; pick another queue to keep going.</p>
    </EmptyState>
  );
}
