import { useOthersOnMessage } from "./live-store.ts";

/** Collision warning: someone else has this message open, or is writing a reply to it. */
export function PresenceBanner({ messageId, myUserId }: { messageId: string; myUserId: string | undefined }) {
  const others = useOthersOnMessage(messageId);
  if (others.length === 0) return null;
  const replying = others.filter((o) => o.activity === "replying");
  const name = (o: (typeof others)[number]) => (o.userId === myUserId ? "You (another tab)" : o.name);
  const names = (list: typeof others) => [...new Set(list.map(name))].join(", ");
  return (
    <p className={`presence${replying.length > 0 ? " presence-replying" : ""}`} role="status">
      {replying.length > 0
        ? `${names(replying)} ${replying.length === 1 ? "is" : "are"} replying to this message.`
        : `${names(others)} ${others.length === 1 ? "is" : "are"} viewing this message.`}
    </p>
  );
}
