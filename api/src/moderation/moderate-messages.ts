import { and, eq, inArray, isNull, sql } from "drizzle-orm";
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
  /** Messages whose status, assignee, priority or tags a rule changed. */
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

/** The field change a live resolve, assign or set_priority makes; a round robin's assignee is chosen first. */
function changeOf(action: RuleAction, chosenAssignee: string | null): MessageChange {
  if (action.type === "resolve") return normalizeChange({ status: "closed" });
  if (action.type === "assign") return { assigneeId: action.userId };
  if (action.type === "set_priority") return { escalationLevel: action.level };
  return { assigneeId: chosenAssignee };
}

const NOBODY_ONLINE = "No agent of the rule's team is online.";

/** Who rules may hand items to, and how many open items each already has, read once a batch. */
interface Assignees {
  /** Agents and admins of the batch's workspaces who are not disabled. */
  able: Map<string, string>;
  /** Open items per user; each assignment this batch makes adds one, so a burst is spread evenly. */
  openItems: Map<string, number>;
}

async function loadAssignees(tx: Executor, planned: readonly PlannedOutcome[], online: ReadonlySet<string>): Promise<Assignees> {
  const live = planned.filter((p) => p.mode === "live");
  const named = [...new Set(live.flatMap((p) => (p.action.type === "assign" ? [p.action.userId] : p.action.type === "assign_round_robin" ? p.action.userIds : [])))];
  const wholeTeams = [...new Set(live.flatMap((p) => (p.action.type === "assign_round_robin" && p.action.userIds.length === 0 ? [p.facts.workspaceId] : [])))];
  const able = new Map<string, string>();
  if (named.length > 0 || wholeTeams.length > 0) {
    const rows = await tx
      .select({ id: users.id, workspaceId: users.workspaceId })
      .from(users)
      .where(
        and(
          isNull(users.disabledAt),
          inArray(users.role, ["agent", "admin"]),
          sql`(${users.id} = any(${sql.param(named)}::text[]) or ${users.workspaceId} = any(${sql.param(wholeTeams)}::text[]))`,
        ),
      );
    for (const row of rows) able.set(row.id, row.workspaceId);
  }
  const openItems = new Map<string, number>();
  const onlineAble = [...able.keys()].filter((id) => online.has(id));
  if (live.some((p) => p.action.type === "assign_round_robin") && onlineAble.length > 0) {
    const counts = await tx
      .select({ userId: messages.assigneeId, n: sql<number>`count(*)::int` })
      .from(messages)
      .where(and(inArray(messages.assigneeId, onlineAble), eq(messages.status, "open"), eq(messages.isItem, true)))
      .groupBy(messages.assigneeId);
    for (const row of counts) if (row.userId) openItems.set(row.userId, Number(row.n));
  }
  return { able, openItems };
}

/** The online team member with the fewest open items (ties: the lowest user id), counted as one more. */
function chooseRoundRobin(p: PlannedOutcome, userIds: readonly string[], assignees: Assignees, online: ReadonlySet<string>): string | null {
  const team = userIds.length > 0 ? userIds : [...assignees.able.keys()];
  const candidates = team.filter((id) => assignees.able.get(id) === p.facts.workspaceId && online.has(id)).sort();
  let best: string | null = null;
  for (const id of candidates) if (best === null || (assignees.openItems.get(id) ?? 0) < (assignees.openItems.get(best) ?? 0)) best = id;
  if (best !== null) assignees.openItems.set(best, (assignees.openItems.get(best) ?? 0) + 1);
  return best;
}

/**
 * Evaluates the workspace's rules over these inbound messages in the caller's transaction
 * (ingest's batch, with the facts it already holds, or a relabel's, loaded) and does what live rules decide, each action audited and kept as an
 * outcome an agent can undo; dry-run rules only log what they would have done
 * (`rule.would_hide`…). Hides are only queued here: the platform is called after the commit.
 */
export async function moderateMessages(
  tx: Executor,
  cache: RuleCache,
  batch: readonly MessageFacts[],
  /** The users with a console open to this process (round-robin assigns only to them). */
  onlineUserIds: () => readonly string[] = () => [],
): Promise<ModerationResult> {
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
  const online = new Set(planned.some((p) => p.mode === "live" && p.action.type === "assign_round_robin") ? onlineUserIds() : []);
  const assignees = await loadAssignees(tx, planned, online);

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
    if (p.action.type === "assign" && assignees.able.get(p.action.userId) !== p.facts.workspaceId) {
      outcomes.push(outcome(p, { failure: "The rule's assignee can no longer take messages." }));
      continue;
    }
    let chosen: string | null = null;
    if (p.action.type === "assign_round_robin") {
      chosen = chooseRoundRobin(p, p.action.userIds, assignees, online);
      if (chosen === null) {
        outcomes.push(outcome(p, { failure: NOBODY_ONLINE }));
        continue;
      }
    }
    // Resolve, assign and priority: the same change an agent makes, done below in one statement per change.
    const key = `${p.facts.workspaceId}\u0001${JSON.stringify(p.action)}\u0001${chosen ?? ""}`;
    const group = fieldChanges.get(key) ?? { workspaceId: p.facts.workspaceId, change: changeOf(p.action, chosen), planned: [] };
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
      } else outcomes.push(outcome(p, { failure: p.action.type === "resolve" ? "Already resolved." : p.action.type === "set_priority" ? "Already at that priority." : "Already assigned so." }));
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
