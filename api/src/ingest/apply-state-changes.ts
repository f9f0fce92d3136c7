import { inArray, sql } from "drizzle-orm";
import type { MessageVisibility } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { withoutNul } from "../lib/without-nul.ts";
import { recordReclassifiedMessages, type ClassifiedMetricState } from "../spikes/metrics/record-reclassified-messages.ts";
import type { MessageStateChange, NormalizeResult, PushedResource } from "../connectors/contract.ts";
import type { ClassifierForWorkspace } from "./message-classifier.ts";
import { writeClassification } from "../messages/write-classification.ts";
import { recomputeSlaClocks } from "../sla/sla-clocks.ts";

/** One change per message: the newest report of each field wins. */
function mergeByMessage(changes: readonly MessageStateChange[]): MessageStateChange[] {
  const merged = new Map<string, MessageStateChange>();
  const ordered = [...changes].sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
  for (const change of ordered) {
    const key = `${change.platform}\u0001${change.externalId}`;
    const before = merged.get(key);
    merged.set(key, {
      platform: change.platform,
      externalId: withoutNul(change.externalId),
      observedAt: change.observedAt,
      visibility: change.visibility ?? before?.visibility,
      text: change.text !== undefined ? withoutNul(change.text) : before?.text,
    });
  }
  return [...merged.values()];
}

interface Applied {
  id: string;
  workspace_id: string;
  direction: "inbound" | "outbound";
  text_changed: boolean;
  visibility: MessageVisibility;
  visibility_changed: boolean;
}

/**
 * Applies what the platforms report about stored messages (visibility, edits), in the ingest
 * batch's transaction and after its new messages are stored, so a change that arrived with (or
 * after) its message applies to it. A report older than the last one applied to a message is
 * stale and changes nothing; a deleted message stays deleted. An edited customer message is
 * classified again, and the spike metrics follow its new label as they do a model's relabel.
 * Returns the ids of the messages that changed, for live updates.
 */
export async function applyStateChanges(db: Executor, changes: readonly MessageStateChange[], classifiers: ClassifierForWorkspace, at: Date = new Date()): Promise<string[]> {
  if (changes.length === 0) return [];
  const rows = mergeByMessage(changes);
  const column = <T>(pick: (row: MessageStateChange) => T) => sql.param(rows.map(pick));
  // `old` is the row as this statement found it (the snapshot), for what the update changed.
  const applied = await queryRows<Applied>(
    db,
    sql`update messages m
        set visibility = coalesce(v.visibility, m.visibility),
            text = coalesce(v.text, m.text),
            visibility_observed_at = v.observed_at
        from unnest(
               ${column((r) => r.platform)}::text[], ${column((r) => r.externalId)}::text[],
               ${column((r) => r.visibility ?? null)}::text[], ${column((r) => r.text ?? null)}::text[],
               ${column((r) => r.observedAt.toISOString())}::timestamptz[]
             ) as v(platform, external_id, visibility, text, observed_at),
             messages old
        where m.platform = v.platform and m.external_id = v.external_id and old.id = m.id
          and m.visibility <> 'deleted'
          and (m.visibility_observed_at is null or m.visibility_observed_at < v.observed_at)
        returning m.id, m.workspace_id, m.direction, (old.text is distinct from m.text) as text_changed, m.visibility,
                  (old.visibility is distinct from m.visibility) as visibility_changed`,
  );
  const edited = applied.filter((row) => row.text_changed && row.direction === "inbound");
  if (edited.length > 0) await reclassifyEdited(db, edited.map((row) => row.id), classifiers, at);
  return applied.filter((row) => row.text_changed || row.visibility_changed).map((row) => row.id);
}

/** Classifies edited customer messages again, with the context ingestion gave them. */
async function reclassifyEdited(db: Executor, ids: string[], classifiers: ClassifierForWorkspace, at: Date) {
  const priorFromAuthor = sql<number>`(
    select count(*)::int from ${messages} as earlier
    where earlier.contact_id = ${messages.contactId}
      and earlier.direction = 'inbound'
      and (earlier.created_at, earlier.id) < (${messages.createdAt}, ${messages.id})
  )`;
  const current = await db
    .select({
      id: messages.id,
      workspaceId: messages.workspaceId,
      text: messages.text,
      likes: messages.likes,
      direction: messages.direction,
      status: messages.status,
      label: messages.label,
      labelSource: messages.labelSource,
      createdAt: messages.createdAt,
      escalationLevel: messages.escalationLevel,
      sentiment: sql<number | null>`(${messages.classification} ->> 'sentiment')::float8`,
      priorFromAuthor,
    })
    .from(messages)
    .where(inArray(messages.id, ids));
  const moves: { before: ClassifiedMetricState; after: ClassifiedMetricState }[] = [];
  for (const message of current) {
    const classification = classifiers.forWorkspace(message.workspaceId).classify(message.text, {
      likes: message.likes,
      priorMessagesFromAuthor: message.priorFromAuthor,
    });
    moves.push({ before: message, after: await writeClassification(db, message, classification) });
  }
  await recordReclassifiedMessages(db, moves, at);
  // An edited text's new label or escalation may be another SLA policy's.
  for (const workspaceId of new Set(current.map((m) => m.workspaceId))) {
    await recomputeSlaClocks(db, workspaceId, current.filter((m) => m.workspaceId === workspaceId).map((m) => m.id), at);
  }
}

/**
 * Notes when the platform last pushed news of a polled resource (a TikTok video whose comment
 * webhooks are arriving), so its poller may rest longer between reconciliation passes.
 */
export async function recordPushedResources(db: Executor, pushed: readonly PushedResource[]): Promise<void> {
  if (pushed.length === 0) return;
  const latest = new Map<string, PushedResource>();
  for (const item of pushed) {
    const key = [item.channel, item.accountExternalId, item.resource, item.resourceId].join("\u0001");
    const seen = latest.get(key);
    if (!seen || seen.at < item.at) latest.set(key, item);
  }
  const rows = [...latest.values()];
  const column = <T>(pick: (row: PushedResource) => T) => sql.param(rows.map(pick));
  await db.execute(
    sql`update sync_cursors c
        set last_pushed_at = greatest(c.last_pushed_at, v.at)
        from unnest(
               ${column((r) => r.channel)}::text[], ${column((r) => withoutNul(r.accountExternalId))}::text[],
               ${column((r) => r.resource)}::text[], ${column((r) => withoutNul(r.resourceId))}::text[],
               ${column((r) => r.at.toISOString())}::timestamptz[]
             ) as v(channel, account_external_id, resource, resource_id, at),
             connected_accounts a
        where a.channel = v.channel and a.external_account_id = v.account_external_id
          and c.account_id = a.id and c.resource = v.resource and c.resource_id = v.resource_id`,
  );
}

/** The changes and pushes of a batch's normalized events, applied after its messages are stored. */
export async function applyPlatformReports(db: Executor, results: readonly NormalizeResult[], classifiers: ClassifierForWorkspace): Promise<string[]> {
  const changes = results.flatMap((result) => result.changes ?? []);
  const pushed = results.flatMap((result) => result.pushed ?? []);
  await recordPushedResources(db, pushed);
  return applyStateChanges(db, changes, classifiers);
}
