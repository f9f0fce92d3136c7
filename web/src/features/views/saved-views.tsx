import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { SavedView } from "@surgedesk/shared";
import { meQueryOptions } from "../auth/session-queries.ts";
import type { InboxSearch } from "../inbox/inbox-search.ts";
import { sameFilter, viewFilterOf } from "./view-filter.ts";
import { createView, deleteView, updateView, viewCountsQueryOptions, viewKeys, viewsQueryOptions } from "./view-queries.ts";

/**
 * Saved views under the queues: shared ones (the team's), then the agent's own, each with its
 * count — exact up to 1,000, then "1,000+". "Save this view" keeps the current filters under a
 * name (saving under the name of one of your views updates it); admins may share it.
 */
export function SavedViews({ search }: { search: InboxSearch }) {
  const { data: views = [] } = useQuery(viewsQueryOptions);
  const { data: counts } = useQuery({ ...viewCountsQueryOptions, enabled: views.length > 0 });
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState(false);
  const current = viewFilterOf(search);
  const countOf = new Map(counts?.counts.map((c) => [c.id, c]));
  return (
    <div className="saved-views">
      <div className="saved-views-head">
        <h2 id="saved-views-title">Views</h2>
        {views.some((v) => v.editable) && (
          <button type="button" className="link" onClick={() => setEditing(!editing)} aria-pressed={editing}>
            {editing ? "Done" : "Edit"}
          </button>
        )}
      </div>
      {views.length > 0 && (
        <ul aria-labelledby="saved-views-title">
          {views.map((view) => {
            const count = countOf.get(view.id);
            return (
              <li key={view.id}>
                {editing && view.editable ? (
                  <EditView view={view} />
                ) : (
                  <Link
                    to="/inbox"
                    search={view.filter}
                    className={`queue saved-view${sameFilter(view.filter, current) ? " active" : ""}`}
                    data-view={view.name}
                    title={view.scope === "shared" ? "Shared with the workspace" : "Yours"}
                  >
                    <span className="queue-title">
                      {view.name}
                      {view.scope === "shared" && <span className="muted"> · team</span>}
                    </span>
                    <span className="queue-count">{count ? `${count.count.toLocaleString()}${count.capped ? "+" : ""}` : ""}</span>
                  </Link>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {saving ? (
        <SaveViewForm search={search} views={views} onDone={() => setSaving(false)} />
      ) : (
        <button type="button" className="link save-view" onClick={() => setSaving(true)}>
          + Save this view
        </button>
      )}
    </div>
  );
}

function useViewsChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: viewKeys.list });
    void queryClient.invalidateQueries({ queryKey: viewKeys.counts });
  };
}

function SaveViewForm({ search, views, onDone }: { search: InboxSearch; views: SavedView[]; onDone: () => void }) {
  const { data: me } = useQuery(meQueryOptions);
  const [name, setName] = useState("");
  const [shared, setShared] = useState(false);
  const changed = useViewsChanged();
  const filter = viewFilterOf(search);
  const existing = views.find((v) => v.editable && v.name.toLowerCase() === name.trim().toLowerCase() && (v.scope === "shared") === shared);
  const save = useMutation({
    mutationFn: () => (existing ? updateView(existing.id, { filter }) : createView({ name: name.trim(), scope: shared ? "shared" : "personal", filter })),
    onSuccess: () => {
      changed();
      onDone();
    },
  });
  return (
    <form
      className="save-view-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) save.mutate();
      }}
    >
      <label className="field field-stacked">
        <span className="field-label">View name</span>
        <input
          autoFocus
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape") onDone();
          }}
        />
      </label>
      {me?.role === "admin" && (
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share with the workspace
        </label>
      )}
      {existing && <p className="muted">Saving updates “{existing.name}” to these filters.</p>}
      <div className="save-view-actions">
        <button type="submit" disabled={!name.trim() || save.isPending}>
          {existing ? "Update view" : "Save view"}
        </button>
        <button type="button" className="link" onClick={onDone}>
          Cancel
        </button>
      </div>
      {save.isError && (
        <p className="error-inline" role="alert">
          Could not save the view: {save.error.message}
        </p>
      )}
    </form>
  );
}

/** Rename or delete one of the views the user may change (theirs; shared ones for admins). */
function EditView({ view }: { view: SavedView }) {
  const [name, setName] = useState(view.name);
  const [confirming, setConfirming] = useState(false);
  const changed = useViewsChanged();
  const rename = useMutation({ mutationFn: () => updateView(view.id, { name: name.trim() }), onSuccess: changed });
  const remove = useMutation({ mutationFn: () => deleteView(view.id), onSuccess: changed });
  const error = rename.error ?? remove.error;
  return (
    <form
      className="edit-view"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() && name.trim() !== view.name) rename.mutate();
      }}
    >
      <input aria-label={`Name of the view ${view.name}`} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
      <button type="submit" disabled={!name.trim() || name.trim() === view.name || rename.isPending}>
        Rename
      </button>
      {confirming ? (
        <>
          <button type="button" className="btn-danger" onClick={() => remove.mutate()} disabled={remove.isPending}>
            Delete “{view.name}”
          </button>
          <button type="button" className="link" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="link" onClick={() => setConfirming(true)} aria-label={`Delete the view ${view.name}`}>
          Delete
        </button>
      )}
      {error && (
        <p className="error-inline" role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}
