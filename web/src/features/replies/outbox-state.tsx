import type { OutboxItem } from "@surgedesk/shared";

const KIND: Record<OutboxItem["kind"], string> = { public_reply: "Public reply", private_reply: "Private reply", dm: "DM" };

/** What this message's sends are doing: queued, being sent, sent, or failed with the reason. */
export function OutboxState({ items }: { items: readonly OutboxItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="outbox-state" aria-label="Sends">
      {items.map((item) => (
        <li key={item.id} className={`outbox-${item.status}`}>
          <strong>{KIND[item.kind]}</strong> <span className="badge">{item.status === "sending" ? "sending…" : item.status}</span>
          {item.attempts > 1 && <span className="muted"> · {item.attempts} attempts</span>}
          {item.sentAt && <span className="muted"> · {new Date(item.sentAt).toLocaleTimeString()}</span>}
          <div className="outbox-text">{item.text}</div>
          {item.lastError && item.status !== "sent" && <div className={item.status === "failed" ? "error" : "muted"}>{item.lastError}</div>}
        </li>
      ))}
    </ul>
  );
}
