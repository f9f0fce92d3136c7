import type { EscalationLevel } from "@surgedesk/shared";
import type { Executor } from "../../db/types.ts";
import { MetricDeltaBatch, seriesOfMessages } from "./message-deltas.ts";
import { recordMessageChanges, type MessageMetricState } from "./record-message-change.ts";
import { NEGATIVE_SENTIMENT } from "./record-ingested-messages.ts";

/** What a classification contributes to the metrics besides the label. */
export interface ClassifiedMetricState extends MessageMetricState {
  sentiment: number | null;
  escalationLevel: EscalationLevel | null;
}

const negative = (m: ClassifiedMetricState) => (m.sentiment !== null && m.sentiment < NEGATIVE_SENTIMENT ? 1 : 0);
const level = (m: ClassifiedMetricState, wanted: EscalationLevel) => (m.escalationLevel === wanted ? 1 : 0);

/**
 * CALL THIS WHEN A MODEL RE-CLASSIFIES STORED MESSAGES, in the transaction that updates them, with
 * each message as it was and as it is now. A new label moves counts as an agent's relabel does
 * (`recordMessageChanges`); a new sentiment or escalation level moves the negative and escalation
 * counts in the bucket the message was written in. So the buckets still equal a full recount.
 */
export async function recordReclassifiedMessages(db: Executor, changes: readonly { before: ClassifiedMetricState; after: ClassifiedMetricState }[], at: Date): Promise<void> {
  const inbound = changes.filter(({ before }) => before.direction === "inbound");
  await recordMessageChanges(db, inbound, at);
  const moved = inbound.filter(
    ({ before, after }) => negative(before) !== negative(after) || before.escalationLevel !== after.escalationLevel,
  );
  if (moved.length === 0) return;
  const series = await seriesOfMessages(db, moved.map((c) => c.before.id));
  const batch = new MetricDeltaBatch();
  for (const { before, after } of moved) {
    const target = series.get(before.id);
    if (!target) continue;
    batch.add(target, before.createdAt, {
      negative: negative(after) - negative(before),
      escalationMedium: level(after, "medium") - level(before, "medium"),
      escalationHigh: level(after, "high") - level(before, "high"),
    });
  }
  await batch.write(db);
}
