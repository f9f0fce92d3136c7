import { and, inArray, isNull, sql } from "drizzle-orm";
import type { RuleAction } from "@surgedesk/shared";
import { recordAuditBatch, type AuditEntry } from "../audit/record-audit.ts";
import { messages, moderationOutcomes, tags, users } from "../db/schema/index.ts";
import { addTag } from "../tags/item-tags.ts";
import type { Executor } from "../db/types.ts";
import type { ModerationNoticeBusEvent } from "../events/event-bus.ts";
import { newId } from "../lib/ids.ts";
import { applyMessageChange, lockMessages } from "../triage/apply-message-change.ts";
import { normalizeChange, type MessageChange } from "../triage/message-change.ts";
import { loadMessageFacts, type MessageFacts } from "./message-facts.ts";
import { planOutcomes, type PlannedOutcome } from "./plan-outcomes.ts";
import type { RuleCache } from "./rule-cache.ts";

export interface ModerationResult {
  /** Live hides written as pending outcomes: the hide runner calls the platforms after the commit. */
  pendingHides: number;
  /** Live notices to publish after the commit. */
  notices: ModerationNoticeBusEvent[];
  /** Messages whose status, assignee or tags a rule changed. */
  changed: string[];
}

const EMPTY: ModerationResult = { pendingHides: 0, notices: [], changed: [] };

type OutcomeRow = typeof moderationOutcomes.$inferInsert;

const auditOf = (p: PlannedOutcome, action: string, before: unknown, after: unknown): AuditEntry => ({
  workspaceId: p.facts.workspaceId,
  actorUserId: null,
  action,
  entityType: "message",
  entityId: p.facts.id,
  before,
  after: { ...(after as object), ruleId: p.ruleId, ruleName: p.ruleName },
});

/** The field change a live resolve or assign makes; null for the actions that are not a field. */
function changeOf(action: RuleAction): MessageChange | null {
  if (action.type === "resolve") return normalizeChange({ status: "closed" });
  if (action.type === "assign") return { assigneeId: action.userId };
  return null;
}

/**
 * Evaluates the workspace's rules over these inbound messages in the caller's transaction
 * (ingest's batch, with the facts it already holds, or a relabel's, loaded) and does what live rules decide, each action audited and kept as an
 * outcome an agent can undo; dry-run rules only log what they would have done
 * (`rule.would_hide`…). Hides are only queued here: the platform is called after the commit.
 */
export async function moderateMessages(tx: Executor, cache: RuleCache, batch: readonly MessageFacts[]): Promise<ModerationResult> {
  if (batch.length === 0) return EMPTY;
  const byWorkspace = new Map<string, MessageFacts[]>();
  for (const facts of batch) byWorkspace.set(facts.workspaceId, [...(byWorkspace.get(facts.workspaceId) ?? []), facts]);

  const planned: PlannedOutcome[] = [];
  for (const [workspaceId, facts] of byWorkspace) {
    const set = await cache.forWorkspace(tx, workspaceId);
    const anyMuted = facts.some((f) => f.contactMuted);
    if (set.rules.length === 0 && !anyMuted) continue;
    // The lookups only some rules read, for this workspace's messages only, when a rule reads them.
    let read: readonly MessageFacts[] = facts;
    if (set.needs.history || set.needs.campaigns) {
      read = await loadMessageFacts(tx, sql`m.id = any(${sql.param(facts.map((f) => f.id))}::text[])`, set.needs);
    }
    planned.push(...planOutcomes(set.rules, read));
  }
  if (planned.length === 0) return EMPTY;

  const outcomes: OutcomeRow[] = [];
  const audits: AuditEntry[] = [];
  const notices: ModerationNoticeBusEvent[] = [];
  const changed = new Set<string>();
  let pendingHides = 0;
  const fieldChanges = new Map<string, { workspaceId: string; change: MessageChange; planned: PlannedOutcome[] }>();
  const outcome = (p: PlannedOutcome, fields: Partial<OutcomeRow>): OutcomeRow => ({
    id: newId("modo"),
    workspaceId: p.facts.workspaceId,
    messageId: p.facts.id,
    ruleId: p.ruleId,
    ruleName: p.ruleName,
    action: p.action.type,
    mode: p.mode,
    ...fields,
  });

  // Assignees must still be able to take messages: a disabled user or a viewer is skipped.
  const assigneeIds = [...new Set(planned.flatMap((p) => (p.mode === "live" && p.action.type === "assign" ? [p.action.userId] : [])))];
  const assignable = new Set(
    assigneeIds.length === 0
      ? []
      : (
          await tx
            .select({ id: users.id })
            .from(users)
            .where(and(inArray(users.id, assigneeIds), isNull(users.disabledAt), inArray(users.role, ["agent", "admin"])))
        ).map((u) => u.id),
  );

  // A tag deleted since the rule was saved is reported on the outcome, not an error.
  const tagIds = [...new Set(planned.flatMap((p) => (p.mode === "live" && p.action.type === "tag" ? [p.action.tagId] : [])))];
  const tagById = new Map(
    (tagIds.length === 0 ? [] : await tx.select({ id: tags.id, name: tags.name, workspaceId: tags.workspaceId }).from(tags).where(inArray(tags.id, tagIds))).map((t) => [t.id, t]),
  );
  const tagGroups = new Map<string, PlannedOutcome[]>();

  for (const p of planned) {
    if (p.mode === "dry_run") {
      outcomes.push(outcome(p, {}));
      audits.push(auditOf(p, `rule.would_${p.action.type}`, null, { action: p.action }));
      continue;
    }
    if (p.action.type === "hide") {
      if (p.facts.kind !== "comment") outcomes.push(outcome(p, { failure: "Only comments can be hidden; this is a DM." }));
      else if (p.facts.visibility !== "visible") outcomes.push(outcome(p, { failure: `The comment is already ${p.facts.visibility}.` }));
      else {
        outcomes.push(outcome(p, { before: { visibility: p.facts.visibility, status: p.facts.status } }));
        pendingHides += 1;
      }
      continue;
    }
    if (p.action.type === "notify") {
      outcomes.push(outcome(p, { after: { note: p.action.note ?? null } }));
      audits.push(auditOf(p, "rule.notify", null, { note: p.action.note ?? null }));
      notices.push({ type: "moderation_notice", workspaceId: p.facts.workspaceId, messageId: p.facts.id, ruleName: p.ruleName, note: p.action.note ?? null });
      continue;
    }
    if (p.action.type === "tag") {
      const tag = tagById.get(p.action.tagId);
      if (!tag || tag.workspaceId !== p.facts.workspaceId) outcomes.push(outcome(p, { failure: "The rule's tag no longer exists." }));
      else tagGroups.set(`${p.ruleId}\u0001${tag.id}`, [...(tagGroups.get(`${p.ruleId}\u0001${tag.id}`) ?? []), p]);
      continue;
    }
    if (p.action.type === "assign" && !assignable.has(p.action.userId)) {
      outcomes.push(outcome(p, { failure: "The rule's assignee can no longer take messages." }));
      continue;
    }
    // Resolve and assign: the same change an agent makes, done below in one statement per change.
    const key = `${p.facts.workspaceId}\u0001${JSON.stringify(p.action)}`;
    const group = fieldChanges.get(key) ?? { workspaceId: p.facts.workspaceId, change: changeOf(p.action)!, planned: [] };
    group.planned.push(p);
    fieldChanges.set(key, group);
  }
  for (const { workspaceId, change, planned: group } of fieldChanges.values()) {
    const targets = await lockMessages(tx, workspaceId, sql`${messages.id} = any(${sql.param(group.map((p) => p.facts.id))}::text[])`, group.length);
    const applied = new Map(
      (await applyMessageChange(tx, { actor: { userId: null, workspaceId }, targets, change, auditAction: `rule.${group[0]!.action.type}` })).map((a) => [a.id, a]),
    );
    for (const p of group) {
      const done = applied.get(p.facts.id);
      if (done) {
        changed.add(p.facts.id);
        outcomes.push(outcome(p, { before: done.before, after: done.after }));
      } else outcomes.push(outcome(p, { failure: p.action.type === "resolve" ? "Already resolved." : "Already assigned so." }));
    }
  }
  // Tags: one insert per rule and tag, audited `rule.tag` with the rule, like resolve and assign.
  for (const group of tagGroups.values()) {
    const first = group[0]!;
    const tag = tagById.get((first.action as Extract<RuleAction, { type: "tag" }>).tagId)!;
    const tagged = new Set(
      await addTag(tx, {
        actor: { userId: null, workspaceId: first.facts.workspaceId },
        tag: { id: tag.id, name: tag.name },
        messageIds: group.map((p) => p.facts.id),
        auditAction: "rule.tag",
        auditExtra: { ruleId: first.ruleId, ruleName: first.ruleName },
      }),
    );
    for (const p of group) {
      if (tagged.has(p.facts.id)) {
        changed.add(p.facts.id);
        outcomes.push(outcome(p, { before: { tagged: false }, after: { tagId: tag.id, tagged: true } }));
      } else outcomes.push(outcome(p, { failure: "It already carried that tag." }));
    }
  }
  await insertOutcomes(tx, outcomes);
  await recordAuditBatch(tx, audits);
  return { pendingHides, notices, changed: [...changed] };
}

/** Column arrays, like the audit batch: a scam wave writes several outcomes per message. */
async function insertOutcomes(tx: Executor, rows: OutcomeRow[]) {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: OutcomeRow) => T) => sql.param(rows.map(pick));
  const json = (value: unknown) => (value == null ? null : JSON.stringify(value));
  await tx.execute(
    sql`insert into ${moderationOutcomes} (id, workspace_id, message_id, rule_id, rule_name, action, mode, before, after, failure)
        select * from unnest(
          ${column((r) => r.id)}::text[], ${column((r) => r.workspaceId)}::text[], ${column((r) => r.messageId)}::text[],
          ${column((r) => r.ruleId ?? null)}::text[], ${column((r) => r.ruleName)}::text[], ${column((r) => r.action)}::text[],
          ${column((r) => r.mode)}::text[], ${column((r) => json(r.before))}::jsonb[], ${column((r) => json(r.after))}::jsonb[],
          ${column((r) => r.failure ?? null)}::text[]
        )`,
  );
}
