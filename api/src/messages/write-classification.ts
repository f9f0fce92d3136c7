import { eq } from "drizzle-orm";
import type { Classification } from "@surgedesk/shared";
import { messages } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import type { ClassifiedMetricState } from "../spikes/metrics/record-reclassified-messages.ts";
import { conversationCaseType, saysTheCase } from "../conversations/case-type.ts";

/**
 * Stores a model's new reading of a stored message. An agent's label outranks the model: it is
 * kept, the rest of the classification (escalation, sentiment, entities) is refreshed. An item
 * row whose own text says nothing of the case (a photo, an "ok") keeps its conversation's case
 * type, as at ingest. Answers the message as it is now, for the spike metrics'
 * `recordReclassifiedMessages`.
 */
export async function writeClassification<M extends ClassifiedMetricState & { id: string; labelSource: "model" | "agent" }>(
  db: Executor,
  was: M,
  classification: Classification,
): Promise<M> {
  const keepLabel = was.labelSource === "agent";
  const fromConversation = !keepLabel && !saysTheCase(classification.label) ? await conversationCaseType(db, was.id) : null;
  const label = fromConversation ?? {
    label: classification.label,
    labelScore: classification.scores[classification.label] ?? null,
    needsLabel: classification.needsLabel,
  };
  await db
    .update(messages)
    .set({
      classification,
      escalationLevel: classification.escalation.level,
      escalationScore: classification.escalation.score,
      ...(!keepLabel && label),
    })
    .where(eq(messages.id, was.id));
  return { ...was, label: keepLabel ? was.label : label.label, sentiment: classification.sentiment, escalationLevel: classification.escalation.level };
}
