import type { OutboxItem } from "@surgedesk/shared";

const KIND: Record<OutboxItem["kind"], string> = { public_reply: "Public reply", private_reply: "Private reply", dm: "DM" };

/** The platform's state of a reply that is not public, as an agent reads it. */
const PLATFORM_STATE: Record<string, string> = {
  hidden: "hidden",
  friends_only: "shown to friends only",
  deleted: "deleted",
  not_public: "never shown public",
};

/** "Sent" is not "seen": whether the platform shows a sent public reply, in words. */
export function visibilityInWords(item: Pick<OutboxItem, "platform" | "visibilityCheck" | "platformState">): string | null {
  if (item.visibilityCheck === "pending") return "checking it is public…";
  if (item.visibilityCheck === "visible") return "public";
  if (item.visibilityCheck !== "not_visible") return null;
  const platform = item.platform === "tiktok" ? "TikTok" : "the platform";
  const state = item.platformState ? (PLATFORM_STATE[item.platformState] ?? item.platformState) : "not public";
  return `sent but not visible: ${platform} says ${state}. Rephrase it and send again.`;
}

/** What this message's sends are doing: queued, being sent, sent, or failed with the reason. */
export function OutboxState({ items }: { items: readonly OutboxItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="outbox-state" aria-label="Sends">
      {items.map((item) => (
        <OutboxEntry key={item.id} item={item} />
      ))}
    </ul>
  );
}

/** One send, as the outbox has it. */
export function OutboxEntry({ item }: { item: OutboxItem }) {
  return (
        <li className={`outbox-${item.status}`}>
          <strong>{KIND[item.kind]}</strong> <span className="badge">{item.status === "sending" ? "sending…" : item.status}</span>
          {item.attempts > 1 && <span className="muted"> · {item.attempts} attempts</span>}
          {item.sentAt && <span className="muted"> · {new Date(item.sentAt).toLocaleTimeString()}</span>}
          {item.status === "sent" && visibilityInWords(item) && (
            <div className={item.visibilityCheck === "not_visible" ? "error" : "muted"}>{visibilityInWords(item)}</div>
          )}
          <div className="outbox-text">{item.text}</div>
          {item.lastError && item.status !== "sent" && <div className={item.status === "failed" ? "error" : "muted"}>{item.lastError}</div>}
        </li>
  );
}
