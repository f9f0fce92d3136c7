import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { labelCorrections, messages } from "../db/schema/index.ts";
import type { MessageClassifier } from "../ingest/message-classifier.ts";
import { recomputeSlaClocks } from "../sla/sla-clocks.ts";
import { recordReclassifiedMessages, type ClassifiedMetricState } from "../spikes/metrics/record-reclassified-messages.ts";
import { writeClassification } from "./write-classification.ts";

export interface ReclassifyResult {
  examined: number;
  relabelled: number;
  /** Messages whose label an agent set: their classification is refreshed, the label kept. */
  keptAgentLabels: number;
}

/**
 * Runs a (new) model over stored customer messages, in keyset-paged batches so it can run on a
 * live database. An agent's correction always outranks the model: such labels are kept. The
 * spike metrics follow the new labels, sentiments and escalation levels in the same transaction.
 */
export interface ReclassifyOptions {
  batchSize?: number;
  /** Only this workspace's messages (a workspace's own model was promoted or rolled back). */
  workspaceId?: string;
  /** Only messages still in the queues (open or snoozed): closed ones keep the label they were handled under. */
  openOnly?: boolean;
}

export async function reclassifyMessages(db: Database, classifier: MessageClassifier, { batchSize = 500, workspaceId, openOnly = false }: ReclassifyOptions = {}) {
  const result: ReclassifyResult = { examined: 0, relabelled: 0, keptAgentLabels: 0 };
  let after = "";
  for (;;) {
    // The same context ingestion gave: how many messages the buyer had sent before this one.
    const priorFromAuthor = sql<number>`(
      select count(*)::int from ${messages} as earlier
      where earlier.contact_id = ${messages.contactId}
        and earlier.direction = 'inbound'
        and (earlier.created_at, earlier.id) < (${messages.createdAt}, ${messages.id})
    )`;
    const batch = await db
      .select({
        id: messages.id,
        text: messages.text,
        likes: messages.likes,
        priorFromAuthor,
      })
      .from(messages)
      .where(
        and(
          eq(messages.direction, "inbound"),
          gt(messages.id, after),
          workspaceId ? eq(messages.workspaceId, workspaceId) : undefined,
          openOnly ? inArray(messages.status, ["open", "snoozed"]) : undefined,
        ),
      )
      .orderBy(asc(messages.id))
      .limit(batchSize);
    if (batch.length === 0) return result;
    await db.transaction(async (tx) => {
      // The metric-relevant state is read again under a row lock, so an agent's change made since
      // the page was read is neither overwritten nor counted twice.
      const current = await tx
        .select({
          id: messages.id,
          workspaceId: messages.workspaceId,
          direction: messages.direction,
          status: messages.status,
          label: messages.label,
          labelSource: messages.labelSource,
          createdAt: messages.createdAt,
          escalationLevel: messages.escalationLevel,
          sentiment: sql<number | null>`(${messages.classification} ->> 'sentiment')::float8`,
        })
        .from(messages)
        .where(inArray(messages.id, batch.map((m) => m.id)))
        .for("update");
      const before = new Map(current.map((m) => [m.id, m]));
      const changes: { before: ClassifiedMetricState; after: ClassifiedMetricState }[] = [];
      for (const message of batch) {
        const was = before.get(message.id);
        if (!was) continue; // deleted meanwhile
        const classification = classifier.classify(message.text, {
          likes: message.likes,
          priorMessagesFromAuthor: message.priorFromAuthor,
        });
        const now = await writeClassification(tx, was, classification);
        if (was.labelSource === "agent") result.keptAgentLabels += 1;
        else if (now.label !== was.label) result.relabelled += 1;
        changes.push({ before: was, after: now });
      }
      await recordReclassifiedMessages(tx, changes, new Date());
      // A new label or escalation may be another SLA policy's.
      for (const workspaceId of new Set(current.map((m) => m.workspaceId))) {
        await recomputeSlaClocks(tx, workspaceId, current.filter((m) => m.workspaceId === workspaceId).map((m) => m.id));
      }
    });
    result.examined += batch.length;
    after = batch.at(-1)!.id;
  }
}

/** Agents' corrections as training rows (`{"text","label"}` JSONL), newest correction per message. */
export async function exportCorrections(db: Database): Promise<string> {
  const rows = await db.select().from(labelCorrections).orderBy(asc(labelCorrections.createdAt));
  const latest = new Map(rows.map((row) => [row.messageId, row]));
  return [...latest.values()].map((row) => JSON.stringify({ text: row.text, label: row.toLabel })).join("\n") + (latest.size ? "\n" : "");
}

