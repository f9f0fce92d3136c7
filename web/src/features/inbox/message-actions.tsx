import { useQuery } from "@tanstack/react-query";
import type { MessageDetail, MessagePatch } from "@surgedesk/shared";
import { assigneesQueryOptions } from "./message-queries.ts";

const HOUR = 3_600_000;

function tomorrowMorning(now = new Date()) {
  const at = new Date(now);
  at.setDate(at.getDate() + 1);
  at.setHours(9, 0, 0, 0);
  return at;
}

/** Assign, snooze, close or reopen, mark spam, hide on the platform. */
export function MessageActions({
  message,
  busy,
  onChange,
  onHide,
}: {
  message: MessageDetail;
  busy: boolean;
  onChange: (patch: MessagePatch) => void;
  onHide: () => void;
}) {
  const { data: assignees } = useQuery(assigneesQueryOptions);
  const snooze = (until: Date) => onChange({ status: "snoozed", snoozedUntil: until.toISOString() });
  return (
    <div className="actions" role="toolbar" aria-label="Message actions">
      <label>
        Assignee{" "}
        <select
          aria-label="Assignee"
          value={message.assigneeId ?? ""}
          disabled={busy}
          onChange={(e) => onChange({ assigneeId: e.target.value || null })}
        >
          <option value="">Unassigned</option>
          {message.assigneeId && !assignees?.some((a) => a.id === message.assigneeId) && (
            <option value={message.assigneeId}>{message.assigneeName ?? "Someone"}</option>
          )}
          {assignees?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <button disabled={busy} onClick={() => onChange({ assigneeId: "me" })} title="a">
        Assign to me
      </button>
      {message.status === "closed" ? (
        <button disabled={busy} onClick={() => onChange({ status: "open" })}>
          Reopen
        </button>
      ) : (
        <button disabled={busy} onClick={() => onChange({ status: "closed" })} title="e">
          Close
        </button>
      )}
      <select
        aria-label="Snooze"
        value=""
        disabled={busy}
        onChange={(e) => {
          const choice = e.target.value;
          if (choice === "1h") snooze(new Date(Date.now() + HOUR));
          if (choice === "4h") snooze(new Date(Date.now() + 4 * HOUR));
          if (choice === "tomorrow") snooze(tomorrowMorning());
        }}
      >
        <option value="">{message.status === "snoozed" && message.snoozedUntil ? `Snoozed until ${new Date(message.snoozedUntil).toLocaleString()}` : "Snooze…"}</option>
        <option value="1h">1 hour</option>
        <option value="4h">4 hours</option>
        <option value="tomorrow">Tomorrow 9:00</option>
      </select>
      <button disabled={busy || message.label === "spam_scam"} onClick={() => onChange({ label: "spam_scam", status: "closed" })}>
        Mark spam
      </button>
      {message.kind === "comment" && (
        <button disabled={busy || message.visibility !== "visible"} onClick={onHide} title="Hide this comment on the platform">
          {message.visibility === "hidden" ? "Hidden on platform" : "Hide on platform"}
        </button>
      )}
    </div>
  );
}
