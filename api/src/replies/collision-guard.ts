import { inSameItem } from "../conversations/item-of.ts";
import { and, eq, inArray, isNull, ne, notInArray, or } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { replyOutbox, users } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";
import { shorten } from "../lib/shorten.ts";

/**
 * Stops a reply written without knowing of one a colleague sent meanwhile: the console names
 * the replies it has shown (`seenReplyIds`), and any other reply to the message, queued or sent
 * by someone else and not failed, means the buyer was answered since the agent looked. The agent
 * gets that reply in words (and the console shows it), then decides; sending again with it seen
 * goes through. Requests that do not say what they have seen (scripts) are not held back.
 */
export async function refuseUnseenReplies(
  db: Database,
  { workspaceId, messageId, actorUserId, seenReplyIds }: { workspaceId: string; messageId: string; actorUserId: string | null; seenReplyIds: readonly string[] | undefined },
): Promise<void> {
  if (seenReplyIds === undefined) return;
  const conditions = [
    eq(replyOutbox.workspaceId, workspaceId),
    inSameItem(replyOutbox.messageId, messageId),
    inArray(replyOutbox.status, ["queued", "sending", "sent"]),
    ...(seenReplyIds.length > 0 ? [notInArray(replyOutbox.id, [...seenReplyIds])] : []),
    // A reply queued by no one (an automation) is someone else's too.
    ...(actorUserId ? [or(isNull(replyOutbox.actorUserId), ne(replyOutbox.actorUserId, actorUserId))!] : []),
  ];
  const [unseen] = await db
    .select({ text: replyOutbox.text, name: users.name })
    .from(replyOutbox)
    .leftJoin(users, eq(users.id, replyOutbox.actorUserId))
    .where(and(...conditions))
    .orderBy(replyOutbox.createdAt)
    .limit(1);
  if (!unseen) return;
  throw new ApiError(
    "conflict",
    `${unseen.name ?? "Someone else"} replied to this message since you opened it (“${shorten(unseen.text, 140)}”). Read it below, and send yours if it still helps.`,
  );
}
