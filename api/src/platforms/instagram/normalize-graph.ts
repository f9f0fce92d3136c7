import type { MessageStateChange, NormalizedMessage, NormalizeResult } from "../../connectors/contract.ts";
import { graphCommentsEventSchema, type GraphCommentsEvent } from "./graph-comments-event.ts";
import { graphCommentSchema, type GraphComment } from "./graph-schemas.ts";

const MAX_LIKES = 2_147_483_647;
/** Instagram launched in October 2010: an earlier comment time is garbage, not history. */
const EARLIEST_COMMENT = Date.UTC(2010, 0, 1);
const CLOCK_SKEW_MS = 24 * 60 * 60_000;

/** Graph writes `2025-08-21T12:28:00+0000`; an unreadable or impossible time yields undefined. */
function commentTime(timestamp: string | undefined, fetchedAt: number): Date | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms) || ms < EARLIEST_COMMENT || ms > fetchedAt + CLOCK_SKEW_MS) return undefined;
  return new Date(ms);
}

interface Parent {
  id: string;
  /** Unknown on a page of `/{comment-id}/replies`, which does not carry its parent. */
  authorId: string | null;
}

function toMessage(event: GraphCommentsEvent, comment: GraphComment, parent: Parent | null): NormalizedMessage | string {
  const handle = comment.from?.username ?? comment.username ?? null;
  // `from` needs a permission Graph may not grant for every commenter; the name still identifies them.
  const authorId = comment.from?.id ?? (comment.username ? `@${comment.username}` : undefined);
  if (!authorId) return `comment ${comment.id} has neither from nor username`;
  const own = authorId === event.accountId || (!!event.accountUsername && handle === event.accountUsername);
  const parentId = parent?.id ?? comment.parent_id ?? null;
  return {
    platform: "instagram",
    channel: "instagram",
    kind: "comment",
    direction: own ? "outbound" : "inbound",
    externalId: comment.id,
    parentExternalId: parentId,
    // Instagram nests one level: a reply's parent is the top-level comment that names the thread.
    threadKey: `instagram:comment:${parentId ?? comment.id}`,
    authorExternalId: authorId,
    authorHandle: handle,
    // The brand's reply is about the buyer it answers, when the page says who that is.
    contactExternalId: own && parent?.authorId ? parent.authorId : authorId,
    contactHandle: own && parent?.authorId ? null : handle,
    text: comment.text,
    likes: Math.min(comment.like_count ?? 0, MAX_LIKES),
    visibility: comment.hidden ? "hidden" : "visible",
    // Unlike webhooks, Graph says when the comment was written; keep that.
    createdAt: commentTime(comment.timestamp, event.fetchedAt) ?? new Date(event.fetchedAt),
    accountExternalId: event.accountId,
    post: { externalId: event.mediaId, productType: comment.media?.media_product_type ?? event.mediaProductType ?? null },
  };
}

function describeInvalid(index: number | string, issues: { path: PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  return `item ${index}: ${issue ? `${issue.path.map(String).join(".") || "item"}: ${issue.message}` : "invalid"}`;
}

/**
 * Turns one stored page of Graph comments (with each comment's first page of replies) into
 * normal-form messages. Items that do not parse are skipped with a reason, so one odd item
 * never blocks the rest of its page.
 */
export function normalizeGraphComments(event: GraphCommentsEvent): NormalizeResult {
  const changes: MessageStateChange[] = [];
  const result: NormalizeResult = { messages: [], skipped: [], changes };
  const add = (outcome: NormalizedMessage | string, comment?: GraphComment) => {
    if (typeof outcome === "string") return result.skipped.push(outcome);
    result.messages.push(outcome);
    // What the page says now of a comment stored before: hidden or not, and its text (an edit).
    if (comment && (comment.hidden !== undefined || comment.text !== "")) {
      changes.push({
        platform: "instagram",
        externalId: comment.id,
        observedAt: new Date(event.fetchedAt),
        ...(comment.hidden !== undefined && { visibility: comment.hidden ? ("hidden" as const) : ("visible" as const) }),
        ...(comment.text !== "" && { text: comment.text }),
      });
    }
  };
  const pageParent = event.parentId ? { id: event.parentId, authorId: null } : null;
  event.page.data.forEach((item, index) => {
    const parsed = graphCommentSchema.safeParse(item);
    if (!parsed.success) return add(describeInvalid(index, parsed.error.issues));
    const comment = parsed.data;
    const message = toMessage(event, comment, pageParent);
    add(message, comment);
    if (typeof message === "string" || pageParent) return;
    const parent = { id: comment.id, authorId: message.authorExternalId };
    (comment.replies?.data ?? []).forEach((reply, replyIndex) => {
      const parsedReply = graphCommentSchema.safeParse(reply);
      if (!parsedReply.success) return add(describeInvalid(`${index} reply ${replyIndex}`, parsedReply.error.issues));
      add(toMessage(event, parsedReply.data, parent), parsedReply.data);
    });
  });
  return result;
}

/** The `instagram.graph_comments` event format: the stored body, parsed and normalized. */
export function normalizeGraphCommentsBody(body: string): NormalizeResult {
  return normalizeGraphComments(graphCommentsEventSchema.parse(JSON.parse(body)));
}
