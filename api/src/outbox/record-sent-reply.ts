import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { connectedAccounts, messages, replyOutbox } from "../db/schema/index.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { newId } from "../lib/ids.ts";
import { recordReplySent } from "../spikes/metrics/record-reply-sent.ts";
import { applyMessageChange, lockMessages } from "../triage/apply-message-change.ts";
import { normalizeChange } from "../triage/message-change.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import type { OutboxRow } from "../connectors/contract.ts";
import { replyOutboxQueue } from "./reply-outbox-queue.ts";
import { pollBy } from "../sync/poll-soon.ts";

/** REPLY_VISIBILITY_TIMEOUT_S's default, for callers that pass none. */
export const DEFAULT_REPLY_VISIBILITY_TIMEOUT_MS = 10 * 60_000;
/** A sent reply's state is read this long after the send: the platform has settled it by then. */
const READ_BACK_AFTER_MS = 60_000;

/**
 * Records a delivered row in one transaction: the row becomes `sent` (only if this worker still
 * holds it: `attempts` is the fencing token), the reply joins the customer's thread as an
 * outbound message, the first response is timed, the message is closed, and the send audited.
 * Returns false when another worker took the row over; it will find the reply on the platform.
 * Throws when another row already recorded this platform reply (a check on the platform found a
 * reply that is not this row's): the row stays unproven and its next attempt looks again.
 */
export async function recordSentReply(
  db: Database,
  connectors: ConnectorRegistry,
  row: OutboxRow,
  externalId: string | null,
  sentAt: Date,
  { visibilityTimeoutMs = DEFAULT_REPLY_VISIBILITY_TIMEOUT_MS }: { visibilityTimeoutMs?: number } = {},
): Promise<boolean> {
  const connector = connectors.all.find((c) => c.platform === row.platform && c.replyVisibility);
  // A public reply on a platform that may hide it silently is followed until it is seen public.
  const followed = row.kind === "public_reply" && externalId !== null && connector?.replyVisibility !== undefined;
  return db.transaction(async (tx) => {
    // The customer's message is locked first: the public and the private reply of one message
    // are recorded by concurrent transactions, and both go on to lock it for update (the metrics,
    // the status). Taking that lock before anything else serializes them; otherwise each holds a
    // foreign-key share lock on it from its outbox row and waits for the other: a deadlock.
    const [original] = await tx.select().from(messages).where(eq(messages.id, row.messageId)).for("update");
    if (!original) throw new Error(`outbox row ${row.id} answers a missing message`);
    if (externalId) {
      // The unique index (platform, external_id) backs this up when two rows record at once.
      const [owner] = await tx
        .select({ id: replyOutbox.id })
        .from(replyOutbox)
        .where(and(eq(replyOutbox.platform, row.platform), eq(replyOutbox.externalId, externalId), ne(replyOutbox.id, row.id)))
        .limit(1);
      if (owner) throw new Error("The reply found on the platform was recorded for another send; looking again.");
    }
    const held = await replyOutboxQueue().settle(tx, row, {
      status: "sent",
      externalId,
      sentAt,
      lastError: null,
      updatedAt: sentAt,
      ...(followed && { visibilityCheck: "pending" as const, visibilityDueAt: new Date(sentAt.getTime() + visibilityTimeoutMs) }),
    });
    if (!held) return false;
    if (followed) {
      // The next poll of where the reply shows comes soon after the send, well within the check's time.
      await pollBy(tx, row.accountId, connector!.replyVisibility!.resourcesShowing(row.target), new Date(sentAt.getTime() + Math.min(READ_BACK_AFTER_MS, visibilityTimeoutMs / 2)));
    }

    const [account] = await tx
      .select({ channel: connectedAccounts.channel, externalAccountId: connectedAccounts.externalAccountId, handle: connectedAccounts.handle })
      .from(connectedAccounts)
      .where(eq(connectedAccounts.id, row.accountId));
    const storedMessageId = account && connectors.forChannel(account.channel).storedMessageId;
    const storedExternalId = externalId ? (storedMessageId?.(externalId) ?? externalId) : `outbox:${row.id}`;
    // Public and private alike join the thread the agent acted in, so the whole move reads in one place.
    const inserted = await tx
      .insert(messages)
      .values({
        id: newId("msg"),
        workspaceId: row.workspaceId,
        accountId: row.accountId,
        postId: row.kind === "public_reply" ? original.postId : null,
        platform: row.platform,
        kind: row.kind === "public_reply" ? "comment" : "dm",
        direction: "outbound",
        externalId: storedExternalId,
        parentExternalId: row.kind === "public_reply" ? (row.target.commentId ?? null) : null,
        threadKey: original.threadKey,
        // Shown within the item it answers, not as an item of its own.
        conversationKey: original.conversationKey,
        isItem: original.conversationKey === null,
        authorExternalId: account?.externalAccountId ?? row.accountId,
        authorHandle: account?.handle ?? null,
        contactId: original.contactId,
        text: row.text,
        createdAt: sentAt,
        status: "closed",
      })
      .onConflictDoNothing()
      .returning({ id: messages.id });
    // The poller may have stored the brand's reply first: then that row is the thread's copy.
    const sentMessageId =
      inserted[0]?.id ??
      (await tx.select({ id: messages.id }).from(messages).where(and(eq(messages.platform, row.platform), eq(messages.externalId, storedExternalId))))[0]?.id ??
      null;
    await tx.update(replyOutbox).set({ sentMessageId }).where(eq(replyOutbox.id, row.id));

    await recordReplySent(tx, { messageId: row.messageId, sentAt });
    // Answered is done: the message leaves the open queues, audited as the sending agent's change.
    const [target] = await lockMessages(tx, row.workspaceId, sql`${messages.id} = ${row.messageId}`, 1);
    if (target && target.status === "open" && row.actorUserId) {
      const actor = { userId: row.actorUserId, workspaceId: row.workspaceId };
      await applyMessageChange(tx, { actor, targets: [target], change: normalizeChange({ status: "closed" }), auditAction: "message.replied" });
    }
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: row.actorUserId,
      action: "reply.sent",
      entityType: "reply_outbox",
      entityId: row.id,
      before: null,
      after: { messageId: row.messageId, kind: row.kind, macroId: row.macroId, text: row.text, externalId, attempts: row.attempts },
    });
    return true;
  });
}
