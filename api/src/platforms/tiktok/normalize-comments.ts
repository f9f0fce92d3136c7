import type { MessageStateChange, NormalizedMessage, NormalizeResult } from "../../connectors/contract.ts";
import type { MessageVisibility } from "@surgedesk/shared";
import type { CommentPageEvent } from "./comment-page-event.ts";
import { tiktokCommentSchema, tiktokReplySchema, type TikTokReply } from "./comment-payload.ts";

interface PageItem {
  comment: TikTokReply;
  /** The top-level comment whose `reply_list` held this reply. */
  containerId: string | null;
}

/** The author: `user_id` while TikTok still sends it, else its successor `unique_identifier`. */
const authorOf = (comment: TikTokReply): string | null => comment.user_id ?? comment.unique_identifier ?? null;

function describeIssue(position: string, error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  const where = issue ? issue.path.map(String).join(".") || "comment" : "comment";
  return `${position}: ${where}: ${issue?.message ?? "invalid"}`;
}

/** The list's `status` (`PUBLIC`, `HIDDEN`; friends-only tolerated) as a visibility; null when unknown. */
function visibilityOf(status: string | null | undefined): MessageVisibility | null {
  const value = status?.toUpperCase();
  if (value === "PUBLIC") return "visible";
  if (value === "HIDDEN") return "hidden";
  if (value?.includes("FRIEND")) return "friends_only";
  return null;
}

/** Flattens a page, top-level comments and their inline replies alike; bad items are skipped. */
function readItems(event: CommentPageEvent, skipped: string[]): PageItem[] {
  const items: PageItem[] = [];
  (event.response.data.comments ?? []).forEach((raw, index) => {
    const parsed = tiktokCommentSchema.safeParse(raw);
    if (!parsed.success) {
      skipped.push(describeIssue(`comments.${index}`, parsed.error));
      return;
    }
    const { reply_list: replies, ...comment } = parsed.data;
    items.push({ comment, containerId: null });
    (replies ?? []).forEach((rawReply, replyIndex) => {
      const reply = tiktokReplySchema.safeParse(rawReply);
      if (reply.success) items.push({ comment: reply.data, containerId: comment.comment_id });
      else skipped.push(describeIssue(`comments.${index}.reply_list.${replyIndex}`, reply.error));
    });
  });
  return items;
}

/**
 * Turns one polled page of comments (or of one comment's replies) into normal-form messages.
 * A reply joins its top-level comment's thread even when the parent is on another page or
 * not gathered yet, so the order pages arrive in does not matter.
 */
export function normalizeTikTokCommentPage(event: CommentPageEvent): NormalizeResult {
  const skipped: string[] = [];
  const items = readItems(event, skipped);
  const byId = new Map(items.map((item) => [item.comment.comment_id, item]));

  // TikTok marks a top-level comment's parent as absent, empty, "0", or itself, depending on
  // the endpoint; none of those is a parent.
  const parentOf = ({ comment, containerId }: PageItem): string | null => {
    const declared = comment.parent_comment_id;
    if (declared && declared !== "0" && declared !== comment.comment_id && declared !== event.video_id) return declared;
    if (containerId) return containerId;
    if (event.comment_id && event.comment_id !== comment.comment_id) return event.comment_id;
    return null;
  };
  const threadRootOf = (item: PageItem): string => {
    if (event.comment_id) return event.comment_id;
    let root = item.comment.comment_id;
    let parent = parentOf(item);
    // TikTok threads one level deep; the bound only guards against a cycle in odd data.
    for (let depth = 0; parent !== null && depth < 10; depth++) {
      root = parent;
      const next = byId.get(parent);
      parent = next ? parentOf(next) : null;
    }
    return root;
  };

  const messages: NormalizedMessage[] = [];
  // What the page says of each comment's visibility, for comments stored already: reconciles a
  // webhook that never came (a hide in the app, a reply TikTok's spam filter holds back).
  const changes: MessageStateChange[] = [];
  for (const item of items) {
    const { comment } = item;
    const seen = visibilityOf(comment.status);
    if (event.fetched_at && seen) changes.push({ platform: "tiktok", externalId: comment.comment_id, observedAt: event.fetched_at, visibility: seen });
    const authorId = authorOf(comment);
    if (!authorId) {
      skipped.push(`comment ${comment.comment_id}: no author id`);
      continue;
    }
    const parentId = parentOf(item);
    const outbound = comment.owner === true || authorId === event.business_id;
    // The brand's reply concerns the buyer it answers, when that comment is on the page.
    const parent = parentId ? byId.get(parentId) : undefined;
    const customerId = outbound && parent ? (authorOf(parent.comment) ?? authorId) : authorId;
    messages.push({
      platform: "tiktok",
      channel: "tiktok_business",
      kind: "comment",
      direction: outbound ? "outbound" : "inbound",
      externalId: comment.comment_id,
      parentExternalId: parentId,
      threadKey: `tiktok:comment:${threadRootOf(item)}`,
      authorExternalId: authorId,
      authorHandle: comment.username ?? null,
      contactExternalId: customerId,
      contactHandle: outbound ? (parent?.comment.username ?? null) : (comment.username ?? null),
      text: comment.text ?? "",
      likes: comment.likes ?? 0,
      visibility: seen ?? "visible",
      createdAt: comment.create_time,
      accountExternalId: event.business_id,
      post: { externalId: event.video_id, productType: "VIDEO" },
    });
  }
  return { messages, skipped, changes };
}
