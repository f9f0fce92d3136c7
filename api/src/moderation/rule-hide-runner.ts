import { and, asc, eq, isNull } from "drizzle-orm";
import { recordAuditBatch } from "../audit/record-audit.ts";
import type { Config } from "../config.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import type { Database } from "../db/client.ts";
import { moderationOutcomes } from "../db/schema/index.ts";
import type { EventBus } from "../events/event-bus.ts";
import { createBackgroundLoop } from "../lib/background-loop.ts";
import type { Logger } from "../lib/logger.ts";
import { describeError } from "../lib/safe-error.ts";
import { hideComments } from "../triage/hide-comments.ts";

export interface RuleHideRunner {
  start(): void;
  stop(): Promise<void>;
  /** A batch just queued hides. */
  notify(): void;
  /** Hides every pending one now; returns how many outcomes it settled. Tests call it. */
  drain(): Promise<number>;
}

const BATCH = 50;

/**
 * Calls the platforms for the hides live rules decided. The decision is a pending outcome row
 * written in ingest's transaction, so a hide survives a crash between the commit and the call;
 * this worker takes them in order, hides through the console's own path (`hideComments`, which
 * also resolves the message) and settles each outcome with what the platform said. Two processes
 * may take the same pending hide; the second finds the comment hidden and changes nothing.
 */
export function createRuleHideRunner(deps: { db: Database; config: Config; connectors: ConnectorRegistry; events: EventBus; logger: Logger }): RuleHideRunner {
  const pending = and(eq(moderationOutcomes.action, "hide"), eq(moderationOutcomes.mode, "live"), isNull(moderationOutcomes.after), isNull(moderationOutcomes.failure), isNull(moderationOutcomes.undoneAt));

  async function pass(): Promise<number> {
    const rows = await deps.db.select().from(moderationOutcomes).where(pending).orderBy(asc(moderationOutcomes.createdAt)).limit(BATCH);
    if (rows.length === 0) return 0;
    const byWorkspace = new Map<string, typeof rows>();
    for (const row of rows) byWorkspace.set(row.workspaceId, [...(byWorkspace.get(row.workspaceId) ?? []), row]);
    for (const [workspaceId, outcomes] of byWorkspace) {
      const result = await hideComments(deps, { userId: null, workspaceId }, [...new Set(outcomes.map((o) => o.messageId))]);
      const done = new Set([...result.hidden, ...result.unchanged]);
      const failures = new Map(result.failed.map((f) => [f.id, f.reason]));
      await deps.db.transaction(async (tx) => {
        for (const o of outcomes) {
          const failure = failures.get(o.messageId) ?? (done.has(o.messageId) ? null : "The comment was not found.");
          await tx
            .update(moderationOutcomes)
            .set(failure ? { failure } : { after: { visibility: "hidden", status: "closed" } })
            .where(and(eq(moderationOutcomes.id, o.id), pending));
        }
        await recordAuditBatch(
          tx,
          outcomes.map((o) => ({
            workspaceId,
            actorUserId: null,
            action: failures.has(o.messageId) ? "rule.hide_failed" : "rule.hide",
            entityType: "message",
            entityId: o.messageId,
            before: o.before,
            after: { visibility: failures.has(o.messageId) ? o.before && (o.before as { visibility?: string }).visibility : "hidden", ruleId: o.ruleId, ruleName: o.ruleName, ...(failures.has(o.messageId) && { failure: failures.get(o.messageId) }) },
          })),
        );
      });
      if (result.hidden.length > 0) deps.events.publish({ type: "messages", workspaceId, change: "updated", ids: result.hidden });
      if (result.failed.length > 0) deps.logger.warn("a moderation rule's hide failed", { workspaceId, failed: result.failed.length });
    }
    return rows.length;
  }

  let busy: Promise<number> = Promise.resolve(0);
  const drain = () => {
    const run = async () => {
      let total = 0;
      for (let settled = await pass(); settled > 0; settled = await pass()) total += settled;
      return total;
    };
    busy = busy.then(run, run);
    return busy;
  };
  const loop = createBackgroundLoop(drain, 5_000, (error) => deps.logger.error("moderation hides failed", { error: describeError(error) }));
  return {
    start: () => loop.start(),
    async stop() {
      await loop.stop();
      await busy.catch(() => undefined);
    },
    notify: () => loop.notify(),
    drain,
  };
}

