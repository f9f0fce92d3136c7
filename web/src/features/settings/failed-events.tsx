import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeadLetteredEvent } from "@surgedesk/shared";
import { useIsAdmin } from "./admin-only.tsx";
import { requeueFailedEvent } from "./ingest-queries.ts";
import { platformName } from "./names.ts";
import { Notice } from "../../design/notice.tsx";
import { settingsKeys } from "./settings-keys.ts";
import { When } from "./when.tsx";

const SOURCES: Record<string, string> = { webhook: "webhook delivery", poll: "polling", demo: "demo data" };

/** The events ingestion gave up on, with why, and (for admins) a way to try each again. */
export function FailedEvents({ events, accountNames }: { events: DeadLetteredEvent[]; accountNames: ReadonlyMap<string, string> }) {
  const isAdmin = useIsAdmin();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const requeue = useMutation({
    mutationFn: requeueFailedEvent,
    onSuccess: () => {
      setOutcome({ tone: "success", text: "Queued again: it is processed from its first attempt." });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.ingest });
      void queryClient.invalidateQueries({ queryKey: settingsKeys.audit });
    },
    onError: (error) => setOutcome({ tone: "error", text: error.message }),
  });
  return (
    <section aria-labelledby="failed-heading" className="platform-group">
      <h2 id="failed-heading">Failed events</h2>
      {outcome && <Notice tone={outcome.tone}>{outcome.text}</Notice>}
      {events.length === 0 ? (
        <p className="empty-state">No event has failed: everything received became a message (or is waiting its turn).</p>
      ) : (
        <ul className="settings-list" aria-label="Failed events">
          {events.map((event) => (
            <li key={event.id} className="settings-item">
              <div className="item-head">
                <strong>
                  {platformName(event.platform)} {SOURCES[event.source] ?? event.source}
                </strong>
                <span className="muted">
                  received <When at={event.receivedAt} />
                </span>
              </div>
              <p className="wrap">{event.reason ? `Why: ${event.reason}` : "No reason was recorded."}</p>
              <p className="muted">
                {event.accountId ? `For ${accountNames.get(event.accountId) ?? "an account no longer listed"}. ` : ""}
                Tried {event.attempts} {event.attempts === 1 ? "time" : "times"}.
              </p>
              {isAdmin && (
                <div className="item-actions">
                  <button
                    type="button"
                    disabled={requeue.isPending}
                    onClick={() => {
                      setOutcome(null);
                      requeue.mutate(event.id);
                    }}
                  >
                    Re-queue
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {!isAdmin && events.length > 0 && <p className="muted">Only admins can re-queue failed events.</p>}
    </section>
  );
}
