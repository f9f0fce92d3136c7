import { useQuery } from "@tanstack/react-query";
import type { MessageDetail, MessagePatch } from "@surgedesk/shared";
import { Button } from "../../design/button.tsx";
import { Select } from "../../design/select.tsx";
import { assigneesQueryOptions } from "./message-queries.ts";

const HOUR = 3_600_000;

function tomorrowMorning(now = new Date()) {
  const at = new Date(now);
  at.setDate(at.getDate() + 1);
  at.setHours(9, 0, 0, 0);
  return at;
}

/**
 * Assign, reply, snooze, close or reopen, mark spam, hide on the platform. The assignee choice
 * sits with the message; the commands form one toolbar (a bottom bar on phones).
 */
export function MessageActions({
  message,
  busy,
  onChange,
  onHide,
  onReply,
  readOnlyReason = null,
}: {
  message: MessageDetail;
  busy: boolean;
  /** Set for a role that may not change messages: every control is shown disabled, with this reason. */
  readOnlyReason?: string | null;
  onChange: (patch: MessagePatch) => void;
  onHide: () => void;
  onReply: () => void;
}) {
  const { data: assignees } = useQuery(assigneesQueryOptions);
  const locked = busy || readOnlyReason !== null;
  const snooze = (until: Date) => onChange({ status: "snoozed", snoozedUntil: until.toISOString() });
  const assigneeOptions: [string, string][] = [
    ...(message.assigneeId && !assignees?.some((a) => a.id === message.assigneeId) ? [[message.assigneeId, message.assigneeName ?? "Someone"] as [string, string]] : []),
    ...(assignees ?? []).map((a): [string, string] => [a.id, a.name]),
  ];
  return (
    <>
      {readOnlyReason && (
        <p className="muted role-note" id="read-only-reason">
          {readOnlyReason}
        </p>
      )}
      <div className="assign-row">
        <Select
          label="Assignee"
          layout="inline"
          value={message.assigneeId ?? ""}
          placeholder="Unassigned"
          options={assigneeOptions}
          disabled={locked}
          onValueChange={(value) => onChange({ assigneeId: value || null })}
        />
        {message.status === "snoozed" && message.snoozedUntil && <span className="muted">Snoozed until {new Date(message.snoozedUntil).toLocaleString()}</span>}
      </div>
      <div className="actions" role="toolbar" aria-label="Message actions" aria-describedby={readOnlyReason ? "read-only-reason" : undefined}>
        <Button variant="primary" disabled={locked} onClick={onReply} title="r">
          Reply
        </Button>
        <Button disabled={locked} onClick={() => onChange({ assigneeId: "me" })} title="a">
          Assign to me
        </Button>
        {message.status === "closed" ? (
          <Button disabled={locked} onClick={() => onChange({ status: "open" })}>
            Reopen
          </Button>
        ) : (
          <Button disabled={locked} onClick={() => onChange({ status: "closed" })} title="e">
            Close
          </Button>
        )}
        {message.status === "pending" ? (
          <Button disabled={locked} onClick={() => onChange({ status: "open" })}>
            Back to open
          </Button>
        ) : (
          message.status !== "closed" && (
            <Button disabled={locked} onClick={() => onChange({ status: "pending" })} title="Waiting on the customer: the SLA clock stops, and their next message reopens it">
              Pending
            </Button>
          )
        )}
        <Select
          label="Snooze"
          className="visually-hidden-label"
          value=""
          placeholder="Snooze…"
          options={[
            ["1h", "For 1 hour"],
            ["4h", "For 4 hours"],
            ["tomorrow", "Until tomorrow 9:00"],
          ]}
          disabled={locked}
          onValueChange={(choice) => {
            if (choice === "1h") snooze(new Date(Date.now() + HOUR));
            if (choice === "4h") snooze(new Date(Date.now() + 4 * HOUR));
            if (choice === "tomorrow") snooze(tomorrowMorning());
          }}
        />
        <Button disabled={locked || message.label === "spam_scam"} onClick={() => onChange({ label: "spam_scam", status: "closed" })}>
          Mark spam
        </Button>
        {message.kind === "comment" && (
          <Button disabled={locked || message.visibility !== "visible"} onClick={onHide} title="Hide this comment on the platform">
            {message.visibility === "hidden" ? "Hidden on platform" : "Hide on platform"}
          </Button>
        )}
      </div>
    </>
  );
}
