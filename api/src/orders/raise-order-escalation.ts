import { and, eq, inArray, sql } from "drizzle-orm";
import type { Classification, OrderContext } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { messages, workspaces } from "../db/schema/index.ts";
import type { ReplyMessage } from "../connectors/contract.ts";
import { writeClassification } from "../messages/write-classification.ts";
import { recordReclassifiedMessages } from "../spikes/metrics/record-reclassified-messages.ts";
import { orderEscalations, type OrderEscalation } from "./order-escalation-rules.ts";
import { recomputeSlaClocks } from "../sla/sla-clocks.ts";

/** What the platforms store for a buyer's picture or video: TikTok Shop's `[image]`, Instagram's `[1 attachment]`. */
const MEDIA_TEXT = /^\[(image|video|\d+ attachments?)\]$/i;

/** The score an order-history reason gives: high, whatever the text scored. */
const ORDER_ESCALATION_SCORE = 0.9;

async function photosInConversation(db: Database, message: ReplyMessage): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(
      and(
        eq(messages.threadKey, message.threadKey),
        eq(messages.authorExternalId, message.authorExternalId),
        eq(messages.direction, "inbound"),
        sql`${messages.text} ~* ${MEDIA_TEXT.source}`,
      ),
    );
  return (row?.n ?? 0) > 0;
}

/** The escalation with the order's reasons first (each once), raised to high. */
function raised(escalation: Classification["escalation"], fired: readonly OrderEscalation[]): Classification["escalation"] {
  const reasons = [...fired.map((f) => f.reason), ...escalation.reasons.filter((r) => !fired.some((f) => f.reason === r))];
  return { level: "high", score: Math.max(escalation.score, ORDER_ESCALATION_SCORE), reasons };
}

/**
 * Runs after a message's order was looked up (not in ingestion: the lookup asks the shops, and
 * ingestion never waits on a platform). When the order's history fires a rule, the message's
 * escalation becomes high with the reason in words, stored in its classification like the
 * model's reasons, so the queues sort it first and the item view says why. Idempotent: a reason
 * already stored is not added again, and an agent's label is kept. Answers what fired.
 */
export async function raiseOrderEscalation(db: Database, message: ReplyMessage, context: OrderContext): Promise<OrderEscalation[]> {
  if (context.outcome !== "found" || !context.order || message.direction !== "inbound" || !message.classification) return [];
  const [workspace] = await db.select({ over: workspaces.refundApprovalOver }).from(workspaces).where(eq(workspaces.id, message.workspaceId));
  const fired = orderEscalations({
    label: message.label,
    order: context.order,
    otherOrders: context.otherOrders,
    photosInConversation: message.label === "damaged_item" ? await photosInConversation(db, message) : false,
    refundApprovalOver: Number(workspace?.over ?? 100),
  });
  if (fired.length === 0) return [];
  await db.transaction(async (tx) => {
    // Read again under a row lock: an agent's change since the lookup began is kept.
    const [was] = await tx
      .select({
        id: messages.id,
        direction: messages.direction,
        status: messages.status,
        label: messages.label,
        labelSource: messages.labelSource,
        createdAt: messages.createdAt,
        escalationLevel: messages.escalationLevel,
        classification: messages.classification,
      })
      .from(messages)
      .where(inArray(messages.id, [message.id]))
      .for("update");
    const classification = was?.classification;
    if (!was || !classification) return;
    const escalation = raised(classification.escalation, fired);
    const already = classification.escalation.level === "high" && fired.every((f) => classification.escalation.reasons.includes(f.reason));
    if (already) return;
    const rules = [...new Set([...classification.evidence.rules, ...fired.map((f) => `escalation:order_${f.rule}`)])];
    const next: Classification = { ...classification, escalation, evidence: { ...classification.evidence, rules } };
    const before = { ...was, sentiment: classification.sentiment };
    const after = await writeClassification(tx, before, next);
    await recordReclassifiedMessages(tx, [{ before, after }], new Date());
    // Raised to high: the faster policy's deadlines.
    await recomputeSlaClocks(tx, message.workspaceId, [message.id]);
  });
  return fired;
}
