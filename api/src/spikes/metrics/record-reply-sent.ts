import { eq } from "drizzle-orm";
import type { Executor } from "../../db/types.ts";
import { messageFirstResponses, messages } from "../../db/schema/index.ts";
import { labelIndex } from "./label-arrays.ts";
import { MetricDeltaBatch, seriesOfMessages, zeroLabels } from "./message-deltas.ts";
import { inBacklog } from "./record-message-change.ts";
import { singleResponseHistogram } from "./response-time-histogram.ts";

export interface ReplySent {
  /** The customer's message the reply answers. */
  messageId: string;
  /** When the platform accepted the reply. */
  sentAt: Date;
}

/**
 * THE REPLY ENGINE CALLS THIS when it has sent a reply (public or private) to a customer's
 * message, in the transaction that records the send. It counts the reply, and the first reply
 * to a message also records the first-response time and takes the message out of the backlog
 * (which is "open and unanswered"). Later replies only count as replies. Returns whether this
 * was the first response.
 *
 * @example
 *   await db.transaction(async (tx) => {
 *     await tx.update(outbox).set({ status: "sent" }).where(eq(outbox.id, id));
 *     await recordReplySent(tx, { messageId: reply.inReplyTo, sentAt: new Date() });
 *   });
 */
export async function recordReplySent(db: Executor, reply: ReplySent): Promise<boolean> {
  const [message] = await db
    .select({ id: messages.id, workspaceId: messages.workspaceId, direction: messages.direction, status: messages.status, label: messages.label, createdAt: messages.createdAt })
    .from(messages)
    .where(eq(messages.id, reply.messageId))
    .for("update");
  if (!message) throw new Error(`recordReplySent: no message ${reply.messageId}`);
  const seconds = Math.max(0, Math.round((reply.sentAt.getTime() - message.createdAt.getTime()) / 1000));
  const inserted = await db
    .insert(messageFirstResponses)
    .values({ messageId: message.id, workspaceId: message.workspaceId, respondedAt: reply.sentAt, responseSeconds: seconds })
    .onConflictDoNothing()
    .returning({ messageId: messageFirstResponses.messageId });
  const first = inserted.length > 0 && message.direction === "inbound";
  const target = (await seriesOfMessages(db, [message.id])).get(message.id)!;
  const batch = new MetricDeltaBatch();
  if (!first) {
    batch.add(target, reply.sentAt, { repliesSent: 1 });
    await batch.write(db);
    return false;
  }
  const leaves = inBacklog(message, false);
  const handledLabels = zeroLabels();
  if (leaves && message.label) handledLabels[labelIndex(message.label)] = 1;
  batch.add(target, reply.sentAt, {
    repliesSent: 1,
    firstResponses: 1,
    firstResponseSecondsSum: seconds,
    firstResponseHistogram: singleResponseHistogram(seconds),
    handled: leaves ? 1 : 0,
    handledLabelCounts: handledLabels,
  });
  await batch.write(db);
  return true;
}

