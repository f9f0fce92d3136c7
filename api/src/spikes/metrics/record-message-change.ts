import { sql } from "drizzle-orm";
import type { Label, MessageDirection, MessageStatus } from "@surgedesk/shared";
import { queryRows } from "../../db/client.ts";
import type { Executor } from "../../db/types.ts";
import { labelIndex } from "./label-arrays.ts";
import { MetricDeltaBatch, seriesOfMessages, zeroLabels } from "./message-deltas.ts";

export interface MessageMetricState {
  id: string;
  direction: MessageDirection;
  status: MessageStatus;
  label: Label | null;
  createdAt: Date;
}

/** A message is in the backlog while it is a customer's, open, and not yet answered. */
export function inBacklog(message: Pick<MessageMetricState, "direction" | "status">, answered: boolean): boolean {
  return message.direction === "inbound" && message.status === "open" && !answered;
}

/**
 * CALL THIS WHEREVER A MESSAGE'S STATUS OR LABEL CHANGES (an agent's edit, a bulk action, a
 * snooze waking up), in the same transaction, with the message as it was and as it is now. It
 * keeps the spike metrics true without rescanning: backlog per label is `received − handled`, so
 *  - leaving the backlog (closed, snoozed) adds 1 to `handled` at `at`; coming back subtracts 1;
 *  - a new label moves the message's `received` count between labels in the bucket it was
 *    written in, and moves what it had contributed to `handled` between labels at `at`,
 * so that totals, backlog per label and a full recount agree. Set-based: one read and one
 * UPSERT however many messages change.
 */
export async function recordMessageChanges(db: Executor, changes: readonly { before: MessageMetricState; after: MessageMetricState }[], at: Date): Promise<void> {
  const relevant = changes.filter(({ before, after }) => before.direction === "inbound" && (before.status !== after.status || before.label !== after.label));
  if (relevant.length === 0) return;
  const ids = relevant.map((c) => c.before.id);
  const answered = new Set(
    (await queryRows<{ message_id: string }>(db, sql`select message_id from message_first_responses where message_id = any(${sql.param(ids)}::text[])`)).map(
      (r) => r.message_id,
    ),
  );
  const series = await seriesOfMessages(db, ids);
  const batch = new MetricDeltaBatch();
  for (const { before, after } of relevant) {
    const target = series.get(before.id);
    if (!target) continue;
    const isAnswered = answered.has(before.id);
    const wasIn = inBacklog(before, isAnswered) ? 1 : 0;
    const isIn = inBacklog(after, isAnswered) ? 1 : 0;
    if (before.label !== after.label) {
      const received = zeroLabels();
      if (before.label) received[labelIndex(before.label)]! -= 1;
      if (after.label) received[labelIndex(after.label)]! += 1;
      batch.add(target, before.createdAt, { labelCounts: received });
    }
    // What the message had contributed to `handled` (1 − wasIn) leaves the old label; what it
    // contributes now (1 − isIn) joins the new one.
    const handledLabels = zeroLabels();
    if (before.label) handledLabels[labelIndex(before.label)]! -= 1 - wasIn;
    if (after.label) handledLabels[labelIndex(after.label)]! += 1 - isIn;
    const handled = wasIn - isIn;
    if (handled !== 0 || handledLabels.some((n) => n !== 0)) batch.add(target, at, { handled, handledLabelCounts: handledLabels });
  }
  await batch.write(db);
}

/** One message's change: see `recordMessageChanges`. */
export async function recordMessageChange(db: Executor, before: MessageMetricState, after: MessageMetricState, at: Date): Promise<void> {
  await recordMessageChanges(db, [{ before, after }], at);
}
