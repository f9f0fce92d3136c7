import { Link } from "@tanstack/react-router";
import { LABEL_INFO, VISIBILITY_WORDS, type Message } from "@surgedesk/shared";
import { authorName, PLATFORM_NAMES, STATUS_NAMES, timeAgo } from "../../lib/format.ts";
import type { InboxSearch } from "./inbox-search.ts";
import { useOthersOnMessage } from "./live-store.ts";
import { messageTextInWords } from "./message-text.tsx";
import { SlaBadge } from "./sla-badge.tsx";
import { TagChip } from "../tags/tag-chip.tsx";

/** Rows have one fixed height, so the list can place any of 50,000 without measuring them. */
export const ROW_HEIGHT = 78;

/** One line of the inbox. Customer text is rendered as text, never as HTML. */
export function MessageRow({
  message,
  selected,
  checked,
  onToggle,
  search,
  now,
}: {
  message: Message;
  selected: boolean;
  checked: boolean;
  onToggle: () => void;
  search: InboxSearch;
  now: number;
}) {
  const othersHere = useOthersOnMessage(message.id).length;
  return (
    <div className={`message-row-wrap${checked ? " checked" : ""}`}>
      <input type="checkbox" className="row-check" checked={checked} onChange={onToggle} aria-label="Select message" tabIndex={-1} />
      <Link
        to="/inbox/$messageId"
        params={{ messageId: message.id }}
        search={search}
        className={`message-row${selected ? " selected" : ""}`}
        data-message-id={message.id}
        aria-current={selected ? "true" : undefined}
      >
        <span className={`badge platform-${message.platform}`}>{PLATFORM_NAMES[message.platform]}</span>
        <span className="kind">{message.kind === "dm" ? "DM" : "Comment"}</span>
        <span className="author">
          {authorName(message)}
          {message.itemSize > 1 && (
            <span className="item-size" title={`${message.itemSize} messages in this conversation`}>
              {" "}· {message.itemSize}
            </span>
          )}
        </span>
        <SlaBadge message={message} now={now} />
        <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString()}>
          {timeAgo(message.createdAt, now)}
        </time>
        <span className="text">
          {messageTextInWords(message.text)}
          {/* A photo alone says little in a list: the customer's last words in the conversation. */}
          {message.itemWords && <span className="item-words"> · “{messageTextInWords(message.itemWords)}”</span>}
        </span>
        <span className="tags">
          {message.needsLabel ? (
            <span className="label label-unsure" title={message.label ? `The classifier's guess: ${LABEL_INFO[message.label].title}` : undefined}>
              Needs a label
            </span>
          ) : (
            message.label && <span className={`label label-${message.label}`}>{LABEL_INFO[message.label].title}</span>
          )}
          {message.escalationLevel && message.escalationLevel !== "low" && (
            <span className={`escalation escalation-${message.escalationLevel}`}>{message.escalationLevel} risk</span>
          )}
          {message.status !== "open" && <span className={`state state-${message.status}`}>{STATUS_NAMES[message.status]}</span>}
          {message.visibility !== "visible" && <span className="state">{VISIBILITY_WORDS[message.visibility]}</span>}
          {message.tags.map((tag) => (
            <TagChip key={tag.id} tag={tag} />
          ))}
          {message.assigneeName && <span className="assignee">→ {message.assigneeName}</span>}
          {othersHere > 0 && <span className="presence-dot" title="Someone else has this open">● {othersHere}</span>}
        </span>
      </Link>
    </div>
  );
}
