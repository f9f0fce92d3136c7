import { useMemo, useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { accountsQueryOptions } from "./account-queries.ts";
import { auditQueryOptions } from "./audit-queries.ts";
import { AUDIT_ENTITY_TYPES, AUDIT_SYSTEM_ACTOR } from "@surgedesk/shared";
import { ACTION_CHOICES, actionInWords, changeInWords, changedFields, objectInWords, objectKind, ID_FIELDS_BEHIND_DISCLOSURE } from "./audit-in-words.ts";
import { hasAuditFilters, type AuditFilters } from "./audit-filters.ts";
import { PLATFORM_NAMES, handleInWords } from "./names.ts";
import { Notice } from "../../design/notice.tsx";
import { tokensQueryOptions } from "./token-queries.ts";
import { usersQueryOptions } from "./user-queries.ts";
import { When } from "./when.tsx";

/** The audit log, newest first: who did what to which object, and what changed, narrowed by the filters in the URL. */
export function AuditPage({ filters, onFilter }: { filters: AuditFilters; onFilter: (filters: AuditFilters) => void }) {
  const log = useInfiniteQuery(auditQueryOptions(filters));
  const users = useQuery(usersQueryOptions);
  const tokens = useQuery(tokensQueryOptions);
  const accounts = useQuery(accountsQueryOptions);
  const [draft, setDraft] = useState(filters);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const entries = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  const entityId = filters.object ?? "";
  const filtered = hasAuditFilters(filters);

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
  const apply = (next: AuditFilters) => {
    setDraft(next);
    setFocusFrom(null);
    onFilter(next);
  };
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value || undefined });

  return (
    <div className="settings-page">
      <h1>Audit log</h1>
      <form
        className="inline-form filter-form audit-filters"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ ...draft, object: draft.object?.trim() || undefined });
        }}
      >
        <label>
          Who
          <select value={draft.actor ?? ""} onChange={set("actor")}>
            <option value="">Anyone</option>
            <option value={AUDIT_SYSTEM_ACTOR}>Surgedesk (automatic)</option>
            {(users.data ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Did what
          <select value={draft.action ?? ""} onChange={set("action")}>
            <option value="">Anything</option>
            {ACTION_CHOICES.map((choice) => (
              <option key={choice.key} value={choice.key}>
                {choice.words}
              </option>
            ))}
          </select>
        </label>
        <label>
          To what
          <select value={draft.type ?? ""} onChange={set("type")}>
            <option value="">Any object</option>
            {AUDIT_ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {capitalized(objectKind(type))}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={draft.from ?? ""} max={draft.to} onChange={set("from")} />
        </label>
        <label>
          Until
          <input type="date" value={draft.to ?? ""} min={draft.from} onChange={set("to")} />
        </label>
        <label>
          Object id
          <input value={draft.object ?? ""} onChange={set("object")} autoComplete="off" maxLength={100} placeholder="e.g. a user's or token's id" />
        </label>
        <button type="submit">Show entries</button>
        {filtered && (
          <button type="button" onClick={() => apply({})}>
            Show all
          </button>
        )}
      </form>
      {entityId && <p className="muted">Only the entries about {names.get(entityId) ?? "this object"}.</p>}
      {log.isPending && <p className="muted">Loading the log…</p>}
      {log.isError && <Notice tone="error">Could not load the audit log: {log.error.message}</Notice>}
      {log.data && entries.length === 0 && (
        <p className="empty-state">
          {filtered
            ? "No entry matches these filters. Widen the dates or choose Anyone / Anything, or show all entries."
            : "Nothing recorded yet: changes to users, tokens, accounts and settings appear here."}
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
                {changes.some((change) => !ID_FIELDS_BEHIND_DISCLOSURE.has(change.field)) && (
                  <ul className="changes">
                    {changes
                      .filter((change) => !ID_FIELDS_BEHIND_DISCLOSURE.has(change.field))
                      .map((change) => (
                        <li key={change.field}>{changeInWords(change)}</li>
                      ))}
                  </ul>
                )}
                {changes.some((change) => ID_FIELDS_BEHIND_DISCLOSURE.has(change.field)) && (
                  <details className="technical">
                    <summary>Ids</summary>
                    <ul className="changes">
                      {changes
                        .filter((change) => ID_FIELDS_BEHIND_DISCLOSURE.has(change.field))
                        .map((change) => (
                          <li key={change.field}>{changeInWords(change)}</li>
                        ))}
                    </ul>
                  </details>
                )}
                {entry.entityId !== entityId && entry.entityType !== "workspace" && (
                  <button
                    type="button"
                    className="btn btn-link"
                    onClick={() => apply({ object: entry.entityId })}
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

const capitalized = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
