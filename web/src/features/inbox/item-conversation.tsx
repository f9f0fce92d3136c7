import { Link } from "@tanstack/react-router";
import { Notice } from "../../design/notice.tsx";
import type { Message } from "@surgedesk/shared";
import { authorName } from "../../lib/format.ts";
import type { InboxSearch } from "./inbox-search.ts";
import { MessageText } from "./message-text.tsx";

/**
 * The item's conversation up to the message shown: the buyer's earlier messages and the brand's
 * replies, oldest first, so an agent answers the whole conversation, not its last line. Customer
 * text is rendered as text, never as HTML.
 */
export function ItemConversation({ message, item }: { message: Message; item: readonly Message[] }) {
  const earlier = item.filter((m) => m.id !== message.id && m.createdAt <= message.createdAt);
  if (earlier.length === 0) return null;
  return (
    <ol className="item-conversation" aria-label="Earlier in this conversation">
      {earlier.map((m) => (
        <li key={m.id} className={m.direction === "outbound" ? "from-brand" : "from-buyer"}>
          <span className="muted">
            {m.direction === "outbound" ? "The brand" : authorName(m)} · {new Date(m.createdAt).toLocaleString()}
          </span>
          <MessageText text={m.text} />
        </li>
      ))}
    </ol>
  );
}

/** Shown on a message its buyer has written after: actions belong to the conversation's newest message. */
export function NewerInItem({ message, search }: { message: Message; search: InboxSearch }) {
  if (message.itemId === message.id) return null;
  return (
    <Notice tone="info" focus={false}>
      The buyer wrote again since.{" "}
      <Link to="/inbox/$messageId" params={{ messageId: message.itemId }} search={search}>
        Open the conversation's latest message
      </Link>
      ; changes made here apply to it.
    </Notice>
  );
}
