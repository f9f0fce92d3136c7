import type { MessageStateChange, NormalizedMessage, NormalizeResult } from "../../connectors/contract.ts";
import type { MessageVisibility } from "@surgedesk/shared";
import { isCommentAction, type CommentAction, type CommentWebhook } from "./comment-webhook-payload.ts";
import { VIDEO_COMMENTS_RESOURCE } from "./tiktok-resources.ts";

const VISIBILITY_AFTER: Record<CommentAction, MessageVisibility> = {
  insert: "visible",
  set_to_public: "visible",
  set_to_hidden: "hidden",
  set_to_friends_only: "friends_only",
  delete: "deleted",
};

/**
 * Turns one `comment.update` webhook into what polling would have produced for the same comment
 * (the same `(platform, external id)`, thread and post, so a comment gathered both ways is stored
 * once, whichever comes first) plus the change of visibility it reports.
 *
 * `insert` is a new comment and says nothing about its visibility: TikTok hides a reply it flags
 * as spam without a further event, so only `set_to_public` (or a poll that lists it public)
 * counts as seen public. The other actions are changes, applied to the stored comment if newer
 * than what it knows; one that arrives before its comment was gathered stores the comment with
 * that visibility, when the event carries its text.
 */
export function normalizeTikTokCommentWebhook({ accountId, content }: CommentWebhook): NormalizeResult {
  const action = content.comment_action;
  if (!isCommentAction(action)) return { messages: [], skipped: [`comment action "${action.slice(0, 50)}" is not gathered`] };
  const commentId = content.comment_id;
  const declaredParent = content.parent_comment_id;
  // A top-level comment's parent is absent, empty, "0" or the video, depending on the sender.
  const parentId = declaredParent && declaredParent !== "0" && declaredParent !== commentId && declaredParent !== content.video_id ? declaredParent : null;
  const visibility = VISIBILITY_AFTER[action];
  const pushed = [{ channel: "tiktok_business" as const, accountExternalId: accountId, resource: VIDEO_COMMENTS_RESOURCE, resourceId: content.video_id, at: content.timestamp }];
  const changes: MessageStateChange[] =
    action === "insert" ? [] : [{ platform: "tiktok", externalId: commentId, observedAt: content.timestamp, visibility }];

  const authorId = content.user_id ?? content.unique_identifier ?? null;
  const skipped: string[] = [];
  const messages: NormalizedMessage[] = [];
  if (action !== "insert" && (content.text === null || content.text === undefined)) {
    // Nothing to show for a comment never gathered: the change applies only if it is stored.
  } else if (!authorId) {
    skipped.push(`comment ${commentId}: no author id`);
  } else {
    messages.push({
      platform: "tiktok",
      channel: "tiktok_business",
      kind: "comment",
      // The event has no owner flag. The brand's replies sent from Surgedesk are stored when sent
      // (outbound), so this insert finds them already there.
      direction: "inbound",
      externalId: commentId,
      parentExternalId: parentId,
      threadKey: `tiktok:comment:${parentId ?? commentId}`,
      authorExternalId: authorId,
      authorHandle: content.unique_identifier ?? null,
      contactExternalId: authorId,
      contactHandle: content.unique_identifier ?? null,
      text: content.text ?? "",
      likes: 0,
      visibility,
      createdAt: content.timestamp,
      accountExternalId: accountId,
      post: { externalId: content.video_id, productType: "VIDEO" },
    });
  }
  return { messages, skipped, changes, pushed };
}
