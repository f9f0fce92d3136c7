import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { LABELS, LABEL_INFO, type BulkChange, type BulkResult, type MessageFilter } from "@surgedesk/shared";
import { countMatching, runBulk } from "./message-queries.ts";
import { tagsQueryOptions } from "../tags/tag-queries.ts";

const DONE_WORDS: Record<BulkChange["action"], string> = {
  assign: "Assigned",
  close: "Closed",
  reopen: "Reopened",
  label: "Relabelled",
  snooze: "Snoozed",
  mark_spam: "Marked as spam",
  hide: "Hid",
  tag: "Tagged",
  untag: "Took the tag off",
};

export interface BulkOutcome {
  text: string;
  bulkActionId: string | null;
}

/**
 * Actions on the selected messages — or, once asked, on every message the filter matches (as
 * counted at that moment: what arrives later is left alone).
 */
export function BulkBar({
  selected,
  filter,
  onClear,
  onDone,
}: {
  selected: ReadonlySet<string>;
  filter: MessageFilter;
  onClear: () => void;
  onDone: (outcome: BulkOutcome) => void;
}) {
  const [whole, setWhole] = useState<{ count: number; asOf: string } | null>(null);
  const count = whole?.count ?? selected.size;
  const matchAll = useMutation({ mutationFn: () => countMatching(filter), onSuccess: setWhole });
  const apply = useMutation({
    mutationFn: (change: BulkChange) =>
      runBulk({ change, target: whole ? { filter, asOf: whole.asOf } : { ids: [...selected] } }),
    onSuccess: (result: BulkResult, change) => {
      const failed = result.failed.length > 0 ? ` · ${result.failed.length} failed: ${result.failed[0]?.reason ?? ""}` : "";
      onDone({ text: `${DONE_WORDS[change.action]} ${result.changed.toLocaleString()} of ${result.matched.toLocaleString()}${failed}`, bulkActionId: result.bulkActionId });
      setWhole(null);
      onClear();
    },
  });
  const busy = apply.isPending;
  const { data: tags = [] } = useQuery(tagsQueryOptions);
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
      <strong className="bulk-count">{count.toLocaleString()} selected</strong>
      {!whole && (
        <button className="link" onClick={() => matchAll.mutate()} disabled={matchAll.isPending}>
          Select all matching this filter
        </button>
      )}
      {whole && <span className="muted">every message in this view, as of now</span>}
      <button disabled={busy} onClick={() => apply.mutate({ action: "assign", assigneeId: "me" })}>
        Assign to me
      </button>
      <button disabled={busy} onClick={() => apply.mutate({ action: "assign", assigneeId: null })}>
        Unassign
      </button>
      <button disabled={busy} onClick={() => apply.mutate({ action: "close" })}>
        Close
      </button>
      <button disabled={busy} onClick={() => apply.mutate({ action: "reopen" })}>
        Reopen
      </button>
      <select
        aria-label="Label selected"
        value=""
        disabled={busy}
        onChange={(e) => e.target.value && apply.mutate({ action: "label", label: e.target.value as (typeof LABELS)[number] })}
      >
        <option value="">Label…</option>
        {LABELS.map((l) => (
          <option key={l} value={l}>
            {LABEL_INFO[l].title}
          </option>
        ))}
      </select>
      {tags.length > 0 && (
        <select aria-label="Tag selected" value="" disabled={busy} onChange={(e) => e.target.value && apply.mutate({ action: "tag", tagId: e.target.value })}>
          <option value="">Tag…</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      {tags.length > 0 && (
        <select aria-label="Remove a tag from selected" value="" disabled={busy} onChange={(e) => e.target.value && apply.mutate({ action: "untag", tagId: e.target.value })}>
          <option value="">Untag…</option>
          {tags.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      )}
      <button disabled={busy} onClick={() => apply.mutate({ action: "mark_spam" })}>
        Mark spam
      </button>
      <button disabled={busy} onClick={() => apply.mutate({ action: "hide" })} title="Hide the comments on Instagram / TikTok">
        Hide
      </button>
      <button
        className="link"
        onClick={() => {
          setWhole(null);
          onClear();
        }}
      >
        Clear
      </button>
      {apply.isError && <span className="error-inline">{apply.error.message}</span>}
    </div>
  );
}
