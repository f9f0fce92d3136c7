import { PostThumbnail } from "../posts/post-thumbnail.tsx";
import { Link } from "@tanstack/react-router";
import { LABEL_INFO, type Message, type MessageContext } from "@surgedesk/shared";
import { authorName, PLATFORM_NAMES, timeAgo } from "../../lib/format.ts";
import type { InboxSearch } from "./inbox-search.ts";
import { messageTextInWords } from "./message-text.tsx";

function Line({ message, current, search }: { message: Message; current: boolean; search: InboxSearch }) {
  return (
    <li className={current ? "current" : undefined}>
      <Link to="/inbox/$messageId" params={{ messageId: message.id }} search={search}>
        <span className="author">{authorName(message)}</span>{" "}
        <span className="muted">
          {PLATFORM_NAMES[message.platform]} {message.kind === "dm" ? "DM" : "comment"} · {timeAgo(message.createdAt)}
          {message.label ? ` · ${LABEL_INFO[message.label].title}` : ""}
        </span>
        <span className="context-text">{messageTextInWords(message.text)}</span>
      </Link>
    </li>
  );
}

const POST_KINDS: Record<string, string> = { REELS: "Reel", FEED: "Post", VIDEO: "Video", STORY: "Story", AD: "Ad", CAROUSEL_ALBUM: "Carousel" };

/** A platform's media type ("REELS") as a word ("Reel"). */
const postKindName = (productType: string | null | undefined) => (productType && POST_KINDS[productType.toUpperCase()]) || "Post";

/** The post the message is on, its conversation, and the buyer's other comments and DMs. */
export function MessageContextPanel({ context, messageId, search }: { context: MessageContext; messageId: string; search: InboxSearch }) {
  return (
    <>
      {context.post && (
        <section className="context" aria-label="Post">
          <h3>Post</h3>
          <p>
            {postKindName(context.post.productType)}
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
          <div className="post-with-picture">
            <PostThumbnail src={context.post.thumbnail} size="large" />
            {context.post.caption ? <p className="caption">{context.post.caption}</p> : <p className="muted">No caption.</p>}
          </div>
          <details className="technical">
            <summary>Post id on the platform</summary>
            <p className="mono">{context.post.externalId}</p>
          </details>
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
