import { clearSavedDrafts } from "../replies/use-saved-draft.ts";
import type { ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { meQueryOptions, signOut } from "../auth/session-queries.ts";
import { ROLE_NAMES } from "../../lib/format.ts";
import { ApprovalsBadge } from "../orders/approvals-badge.tsx";
import { MentionToasts, MentionsMenu, useNoteEvents } from "../notes/mention-alerts.tsx";

/** The top bar (the pages this user may open, who is signed in, sign out) above a page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { data: me } = useQuery(meQueryOptions);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useNoteEvents();
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/inbox" className="brand">
          Surgedesk
        </Link>
        <nav aria-label="Main">
          <Link to="/inbox" activeProps={{ className: "active" }}>
            Inbox
          </Link>
          <Link to="/orders" activeProps={{ className: "active" }}>
            Orders
            {me?.role === "admin" && <ApprovalsBadge />}
          </Link>
          <Link to="/spikes" activeProps={{ className: "active" }}>
            Spikes
          </Link>
          <Link to="/macros" activeProps={{ className: "active" }}>
            Macros
          </Link>
          {me?.role === "admin" && (
            <Link to="/model" activeProps={{ className: "active" }}>
              Classifier
            </Link>
          )}
          {/* Everyone: agents and viewers see the sections their role may read (accounts' health,
              ingest status, response targets); the admin-only ones are left out for them. */}
          <Link to="/settings" activeProps={{ className: "active" }}>
            Settings
          </Link>
        </nav>
        {me && (
          <div className="who">
            <MentionsMenu />
            <span>
              {me.name} · {ROLE_NAMES[me.role]}
            </span>
            <button
              onClick={() =>
                void signOut().then(() => {
                  queryClient.clear();
                  clearSavedDrafts();
                  void navigate({ to: "/login" });
                })
              }
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <main className="main">{children}</main>
      <MentionToasts />
    </div>
  );
}
