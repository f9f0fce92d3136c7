import { Link } from "@tanstack/react-router";
import { LABEL_INFO, type Message, type MessageContext } from "@surgedesk/shared";
import { PLATFORM_NAMES, timeAgo } from "../../lib/format.ts";
import type { InboxSearch } from "./inbox-search.ts";

function Line({ message, current, search }: { message: Message; current: boolean; search: InboxSearch }) {
  return (
    <li className={current ? "current" : undefined}>
      <Link to="/inbox/$messageId" params={{ messageId: message.id }} search={search}>
        <span className="author">{message.direction === "outbound" ? "Brand" : message.authorHandle ? `@${message.authorHandle}` : message.authorExternalId}</span>{" "}
        <span className="muted">
          {PLATFORM_NAMES[message.platform]} {message.kind === "dm" ? "DM" : "comment"} · {timeAgo(message.createdAt)}
          {message.label ? ` · ${LABEL_INFO[message.label].title}` : ""}
        </span>
        <span className="context-text">{message.text || "(no text)"}</span>
      </Link>
    </li>
  );
}

/** The post the message is on, its conversation, and the buyer's other comments and DMs. */
export function MessageContextPanel({ context, messageId, search }: { context: MessageContext; messageId: string; search: InboxSearch }) {
  return (
    <>
      {context.post && (
        <section className="context" aria-label="Post">
          <h3>Post</h3>
          <p>
            {context.post.productType ?? "Post"} {context.post.externalId}
            {context.post.permalink?.startsWith("https://") && (
              <>
                {" · "}
                <a href={context.post.permalink} target="_blank" rel="noreferrer noopener">
                  open on the platform
                </a>
              </>
            )}
            {" · "}
            <Link to="/inbox" search={{ queue: "all", postId: context.post.id }}>
              all messages on this post
            </Link>
          </p>
          {context.post.caption && <p className="caption">{context.post.caption}</p>}
          {context.post.campaigns.length > 0 && (
            <p className="muted">
              Campaigns:{" "}
              {context.post.campaigns.map((campaign, i) => (
                <span key={campaign.id}>
                  {i > 0 && ", "}
                  <Link to="/inbox" search={{ queue: "all", campaignId: campaign.id }}>
                    {campaign.name}
                  </Link>
                </span>
              ))}
            </p>
          )}
        </section>
      )}
      {context.thread.length > 1 && (
        <section className="context" aria-label="Thread">
          <h3>Thread ({context.thread.length})</h3>
          <ol className="context-list">
            {context.thread.map((m) => (
              <Line key={m.id} message={m} current={m.id === messageId} search={search} />
            ))}
          </ol>
        </section>
      )}
      <section className="context" aria-label="Author's other messages">
        <h3>Their other comments and DMs</h3>
        {context.authorHistory.length === 0 ? (
          <p className="muted">None: this is the first time they wrote.</p>
        ) : (
          <ol className="context-list">
            {context.authorHistory.map((m) => (
              <Line key={m.id} message={m} current={false} search={search} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
