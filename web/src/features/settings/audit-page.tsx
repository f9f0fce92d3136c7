import { useMemo, useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { accountsQueryOptions } from "./account-queries.ts";
import { auditQueryOptions } from "./audit-queries.ts";
import { actionInWords, changeInWords, changedFields, objectInWords } from "./audit-in-words.ts";
import { PLATFORM_NAMES, handleInWords } from "./names.ts";
import { Notice } from "./notice.tsx";
import { tokensQueryOptions } from "./token-queries.ts";
import { usersQueryOptions } from "./user-queries.ts";
import { When } from "./when.tsx";

/** The audit log, newest first: who did what to which object, and what changed. `entityId` narrows it to one object. */
export function AuditPage({ entityId, onFilter }: { entityId: string; onFilter: (entityId: string) => void }) {
  const log = useInfiniteQuery(auditQueryOptions(entityId));
  const users = useQuery(usersQueryOptions);
  const tokens = useQuery(tokensQueryOptions);
  const accounts = useQuery(accountsQueryOptions);
  const [filter, setFilter] = useState(entityId);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const entries = useMemo(() => log.data?.pages.flat() ?? [], [log.data]);

  /** Every name the page knows, by id: users, live tokens, accounts, and what the entries themselves recorded. */
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const entry of entries) {
      const side = (entry.after ?? entry.before) as Record<string, unknown> | null;
      if (side && typeof side.name === "string") map.set(entry.entityId, side.name);
    }
    for (const token of tokens.data ?? []) map.set(token.id, token.name);
    for (const account of accounts.data ?? []) map.set(account.id, `${PLATFORM_NAMES[account.channel]} ${account.handle ? handleInWords(account.handle) : "account"}`);
    for (const user of users.data ?? []) map.set(user.id, user.name);
    return map;
  }, [entries, users.data, tokens.data, accounts.data]);
  const actorName = (entry: (typeof entries)[number]) => {
    if (!entry.actorUserId) return "Surgedesk";
    return users.data?.find((u) => u.id === entry.actorUserId)?.name ?? entry.actorEmail ?? "A removed user";
  };

  return (
    <div className="settings-page">
      <h1>Audit log</h1>
      <form
        className="inline-form filter-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFocusFrom(null);
          onFilter(filter.trim());
        }}
      >
        <label>
          Object id
          <input value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" maxLength={100} placeholder="e.g. a user's or token's id" />
        </label>
        <button type="submit">Show its entries</button>
        {entityId && (
          <button
            type="button"
            onClick={() => {
              setFilter("");
              onFilter("");
            }}
          >
            Show all
          </button>
        )}
      </form>
      {entityId && <p className="muted">Only the entries about {names.get(entityId) ?? "this object"}.</p>}
      {log.isPending && <p className="muted">Loading the log…</p>}
      {log.isError && <Notice tone="error">Could not load the audit log: {log.error.message}</Notice>}
      {log.data && entries.length === 0 && (
        <p className="empty-state">
          {entityId ? "Nothing was recorded about this object. Check the id, or show all entries." : "Nothing recorded yet: changes to users, tokens, accounts and settings appear here."}
        </p>
      )}
      {entries.length > 0 && (
        <ol className="settings-list audit-list" aria-label="Audit entries">
          {entries.map((entry, index) => {
            const changes = changedFields(entry, names);
            return (
              <li key={entry.id} className="settings-item" tabIndex={index === focusFrom ? -1 : undefined} ref={index === focusFrom ? (element) => element?.focus() : undefined}>
                <p className="audit-sentence">
                  <strong>{actorName(entry)}</strong> {actionInWords(entry.action)} <strong>{objectInWords(entry, names)}</strong>
                  <span className="muted"> · </span>
                  <When at={entry.createdAt} />
                </p>
                {changes.length > 0 && (
                  <ul className="changes">
                    {changes.map((change) => (
                      <li key={change.field}>{changeInWords(change)}</li>
                    ))}
                  </ul>
                )}
                {entry.entityId !== entityId && entry.entityType !== "workspace" && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setFilter(entry.entityId);
                      setFocusFrom(null);
                      onFilter(entry.entityId);
                    }}
                  >
                    All entries about {objectInWords(entry, names)}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {log.hasNextPage && (
        <button
          type="button"
          className="more"
          disabled={log.isFetchingNextPage}
          onClick={() => {
            setFocusFrom(entries.length);
            void log.fetchNextPage();
          }}
        >
          {log.isFetchingNextPage ? "Loading…" : "Older"}
        </button>
      )}
      {log.data && !log.hasNextPage && entries.length > 0 && <p className="muted">That is the oldest entry.</p>}
    </div>
  );
}
