import { placeholdersIn, type OrderBulkReplyRequest, type OrderBulkReplyResponse } from "@surgedesk/shared";
import type { Actor } from "../../auth/actor.ts";
import type { ConnectorRegistry } from "../../connectors/registry.ts";
import type { Database } from "../../db/client.ts";
import { ApiError } from "../../errors/api-error.ts";
import { enqueueReplies, privateReplyTaken, rowsForKey } from "../../replies/enqueue-replies.ts";
import { loadReplyTarget, type ReplyTarget } from "../../replies/reply-target.ts";
import { planPrivateReply } from "../../replies/send-rules.ts";

/**
 * "Reply to all N" on one order: each buyer's reply is queued through the same outbox, send
 * rules and audit as a single reply, as a private message (a DM, or the platform's private reply
 * to a comment), under its own idempotency key `<key>:<messageId>`. A retried request queues
 * nothing twice: a message already queued under its key answers with its rows, before any rule
 * (which might now refuse, a private reply being taken by the first send) is asked again.
 * Every message and text is checked before anything is queued; a platform rule that refuses one
 * buyer (a DM window closed) is that buyer's problem, in words, and the others are still sent.
 */
export async function bulkReply(input: {
  db: Database;
  connectors: ConnectorRegistry;
  actor: Actor;
  request: OrderBulkReplyRequest;
  now: Date;
}): Promise<OrderBulkReplyResponse> {
  const { db, connectors, actor, request, now } = input;
  const ids = request.replies.map((r) => r.messageId);
  if (new Set(ids).size !== ids.length) throw new ApiError("bad_request", "Each message can be answered once per request.");
  const targets: { messageId: string; text: string; target: ReplyTarget }[] = [];
  for (const reply of request.replies) {
    const left = placeholdersIn(reply.text);
    if (left.length > 0) throw new ApiError("bad_request", `Fill ${left.map((n) => `{{${n}}}`).join(", ")} in the reply to message ${reply.messageId} before sending.`);
    targets.push({ ...reply, target: await loadReplyTarget(db, actor.workspaceId, reply.messageId) });
  }
  const results: OrderBulkReplyResponse["results"] = [];
  for (const { messageId, text, target } of targets) {
    const key = `${request.idempotencyKey}:${messageId}`;
    const earlier = await rowsForKey(db, actor.workspaceId, key);
    if (earlier.length > 0) {
      results.push({ messageId, queued: true, outboxIds: earlier.map((r) => r.id), problem: null });
      continue;
    }
    try {
      const taken = target.message.kind === "comment" ? await privateReplyTaken(db, actor.workspaceId, target.message.externalId) : false;
      const plan = planPrivateReply(connectors, target, text, taken, now);
      const rows = await enqueueReplies(db, { actor, target, sends: [{ ...plan, macroId: null, part: "private" }], idempotencyKey: key, action: "reply.queue_order_bulk" });
      results.push({ messageId, queued: true, outboxIds: rows.map((r) => r.id), problem: null });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      results.push({ messageId, queued: false, outboxIds: [], problem: error.message });
    }
  }
  return { results };
}
