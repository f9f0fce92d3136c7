import { inArray, sql } from "drizzle-orm";
import type { Classification } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import { connectedAccounts, workspaces, type messages } from "../db/schema/index.ts";
import { compareText } from "../lib/compare-text.ts";
import { newId } from "../lib/ids.ts";
import { withoutNul } from "../lib/without-nul.ts";
import { loadSlaSettings } from "../sla/sla-settings.ts";
import { slaDeadlines, type SlaSettings } from "../sla/sla-deadlines.ts";
import type { ClassifierForWorkspace } from "./message-classifier.ts";
import type { NormalizedMessage } from "../connectors/contract.ts";
import type { ConnectedAccount, Executor } from "../db/types.ts";
import type { MessageFacts } from "../moderation/message-facts.ts";
import { INGESTED_METRIC_COLUMNS, ingestedMetricsUpsertSql } from "../spikes/metrics/record-ingested-messages.ts";
import { conversationKey } from "../conversations/conversation-key.ts";
import { planItems } from "../conversations/plan-items.ts";
import { applyItemHandOvers, lockCurrentItems } from "../conversations/supersede-items.ts";


/** A normalized message and the raw event it came from. */
export interface IncomingMessage {
  message: NormalizedMessage;
  inboundEventId: number | null;
}

const accountKey = (channel: string, externalId: string) => `${channel}\u0001${externalId}`;
const scopedKey = (workspaceId: string, platform: string, externalId: string) => `${workspaceId}\u0001${platform}\u0001${externalId}`;

function sanitize(message: NormalizedMessage): NormalizedMessage {
  return {
    ...message,
    externalId: withoutNul(message.externalId),
    parentExternalId: withoutNul(message.parentExternalId),
    threadKey: withoutNul(message.threadKey),
    authorExternalId: withoutNul(message.authorExternalId),
    authorHandle: withoutNul(message.authorHandle),
    contactExternalId: withoutNul(message.contactExternalId),
    contactHandle: withoutNul(message.contactHandle),
    text: withoutNul(message.text),
    accountExternalId: withoutNul(message.accountExternalId),
    post: message.post && { externalId: withoutNul(message.post.externalId), productType: withoutNul(message.post.productType) },
  };
}

/** What a batch needs of a connected account. */
type BatchAccount = Pick<ConnectedAccount, "id" | "workspaceId" | "channel" | "externalAccountId">;

/**
 * One round trip before anything is written: which of the batch's messages are already stored
 * (by the whole `(platform, external id)` key, so the unique index answers it: by the external
 * id alone PostgreSQL scanned the whole table) and the connected accounts the batch is for.
 */
async function lookUpBatch(db: Executor, keys: NormalizedMessage[]) {
  const [row] = await queryRows<{ existing: [string, string][] | null; accounts: [string, string, string, string][] | null }>(
    db,
    sql`select
          (select json_agg(json_build_array(m.platform, m.external_id))
           from messages m
           join unnest(${sql.param(keys.map((m) => m.platform))}::text[], ${sql.param(keys.map((m) => m.externalId))}::text[])
             as k(platform, external_id) on m.platform = k.platform and m.external_id = k.external_id) as existing,
          (select json_agg(json_build_array(a.id, a.workspace_id, a.channel, a.external_account_id))
           from connected_accounts a
           where a.external_account_id = any(${sql.param([...new Set(keys.map((m) => m.accountExternalId))])}::text[])) as accounts`,
  );
  const accounts = new Map<string, BatchAccount>();
  for (const [id, workspaceId, channel, externalAccountId] of row?.accounts ?? []) {
    accounts.set(accountKey(channel, externalAccountId), { id, workspaceId, channel: channel as BatchAccount["channel"], externalAccountId });
  }
  return { existing: new Set((row?.existing ?? []).map(([platform, externalId]) => `${platform}\u0001${externalId}`)), accounts };
}

/**
 * An account Surgedesk has not seen yet (the platform app delivers for it, so it was
 * authorised) is attached to the oldest workspace and marked for an admin's attention, rather
 * than dropping what its customers wrote.
 */
async function addUnknownAccounts(db: Executor, items: NormalizedMessage[], found: Map<string, BatchAccount>): Promise<Map<string, BatchAccount>> {
  const missing = new Map<string, NormalizedMessage>();
  for (const m of items) {
    const key = accountKey(m.channel, m.accountExternalId);
    if (!found.has(key)) missing.set(key, m);
  }
  if (missing.size === 0) return found;
  const [workspace] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(workspaces.createdAt).limit(1);
  if (!workspace) throw new Error("no workspace exists to attach a new account to");
  await db
    .insert(connectedAccounts)
    .values(
      [...missing.values()].map((m) => ({
        id: newId("acct"),
        workspaceId: workspace.id,
        platform: m.platform,
        channel: m.channel,
        externalAccountId: m.accountExternalId,
        status: "needs_attention" as const,
        attentionReason: "Deliveries arrived for an account nobody connected; confirm it belongs to this workspace.",
      })),
    )
    .onConflictDoNothing();
  const rows = await db
    .select({ id: connectedAccounts.id, workspaceId: connectedAccounts.workspaceId, channel: connectedAccounts.channel, externalAccountId: connectedAccounts.externalAccountId })
    .from(connectedAccounts)
    .where(inArray(connectedAccounts.externalAccountId, [...new Set(items.map((m) => m.accountExternalId))]));
  return new Map(rows.map((row) => [accountKey(row.channel, row.externalAccountId), row]));
}

/**
 * The batch's posts, created on first sight, in one statement. In id order, like the pollers'
 * post details, so concurrent inserts of the same new posts take their locks in one order and
 * cannot deadlock.
 */
async function resolvePosts(db: Executor, items: { message: NormalizedMessage; account: BatchAccount }[]) {
  const wanted = new Map<string, { message: NormalizedMessage; account: BatchAccount }>();
  for (const item of items) {
    if (item.message.post) wanted.set(`${item.message.platform}\u0001${item.message.post.externalId}`, item);
  }
  if (wanted.size === 0) return new Map<string, string>();
  const ordered = [...wanted.values()].sort((a, b) => compareText(a.message.post!.externalId, b.message.post!.externalId));
  const column = <T>(pick: (item: (typeof ordered)[number]) => T) => sql.param(ordered.map(pick));
  const postKeys = sql`unnest(${column((i) => i.message.platform)}::text[], ${column((i) => i.message.post!.externalId)}::text[]) as k(platform, external_id)`;
  // The INSERT's RETURNING has the new posts, the SELECT (the statement's snapshot) the ones
  // stored before it.
  const rows = await queryRows<{ id: string; platform: string; external_id: string }>(
    db,
    sql`with created as (
          insert into posts (id, workspace_id, account_id, platform, external_id, product_type)
          select * from unnest(
            ${column(() => newId("post"))}::text[], ${column((i) => i.account.workspaceId)}::text[], ${column((i) => i.account.id)}::text[],
            ${column((i) => i.message.platform)}::text[], ${column((i) => i.message.post!.externalId)}::text[],
            ${column((i) => i.message.post!.productType ?? null)}::text[]
          )
          on conflict do nothing
          returning id, platform, external_id
        )
        select id, platform, external_id from created
        union all
        select p.id, p.platform, p.external_id from posts p join ${postKeys} on p.platform = k.platform and p.external_id = k.external_id`,
  );
  const found = new Map(rows.map((row) => [`${row.platform}\u0001${row.external_id}`, row.id]));
  if (found.size < wanted.size) {
    // Created by a transaction that committed after this statement's snapshot was taken (its
    // INSERT waited for it and skipped the post): read again, now that it is visible.
    const late = await queryRows<{ id: string; platform: string; external_id: string }>(
      db,
      sql`select p.id, p.platform, p.external_id from posts p join ${postKeys} on p.platform = k.platform and p.external_id = k.external_id`,
    );
    for (const row of late) found.set(`${row.platform}\u0001${row.external_id}`, row.id);
  }
  return found;
}

/** A buyer's contact, and their history as classification context. */
interface ContactWithHistory {
  id: string;
  muted: boolean;
  /** How often they wrote before, how often spam. */
  prior: number;
  spam: number;
  /** How often they wrote each of this batch's texts before (a bot pasting one pitch under many posts). */
  sameText: Map<string, number>;
}

/**
 * Each buyer's contact on the platform, created on first sight (keeping the latest handle), and
 * the author's history read in the same statement: one round trip for the batch. Upserted in
 * key order, so concurrent batches lock contacts in one order and cannot deadlock.
 */
async function resolveContacts(db: Executor, items: { message: NormalizedMessage; account: BatchAccount }[]) {
  const wanted = new Map<string, { message: NormalizedMessage; account: BatchAccount }>();
  for (const item of items) {
    const key = scopedKey(item.account.workspaceId, item.message.platform, item.message.contactExternalId);
    const seen = wanted.get(key);
    // Keep the newest sighting: its handle and time win.
    if (!seen || seen.message.createdAt < item.message.createdAt || (!seen.message.contactHandle && item.message.contactHandle)) {
      wanted.set(key, item);
    }
  }
  const ordered = [...wanted.entries()].sort(([a], [b]) => compareText(a, b)).map(([, item]) => item);
  const column = <T>(pick: (item: (typeof ordered)[number]) => T) => sql.param(ordered.map(pick));
  const texts = [...new Set(items.map((i) => i.message.text))];
  const rows = await queryRows<{ id: string; workspace_id: string; platform: string; external_user_id: string; muted: boolean; prior: number; spam: number; same_text: [string, number][] | null }>(
    db,
    sql`with upserted as (
          insert into contacts (id, workspace_id, platform, external_user_id, handle, first_seen_at, last_seen_at)
          select i.id, i.workspace_id, i.platform, i.external_user_id, i.handle, i.seen_at, i.seen_at
          from unnest(
            ${column(() => newId("contact"))}::text[], ${column((i) => i.account.workspaceId)}::text[],
            ${column((i) => i.message.platform)}::text[], ${column((i) => i.message.contactExternalId)}::text[],
            ${column((i) => i.message.contactHandle ?? null)}::text[], ${column((i) => i.message.createdAt.toISOString())}::timestamptz[]
          ) with ordinality as i(id, workspace_id, platform, external_user_id, handle, seen_at, ord)
          order by i.ord
          on conflict (workspace_id, platform, external_user_id) do update
            set handle = coalesce(excluded.handle, contacts.handle),
                last_seen_at = greatest(excluded.last_seen_at, contacts.last_seen_at)
          returning id, workspace_id, platform, external_user_id, muted_at is not null as muted
        )
        select u.id, u.workspace_id, u.platform, u.external_user_id, u.muted, h.prior, h.spam,
               case when h.prior > 0 then (
                 select json_agg(json_build_array(t.text, t.n)) from (
                   select m.text, count(*)::int as n from messages m
                   where m.contact_id = u.id and m.direction = 'inbound' and m.text = any(${sql.param(texts)}::text[])
                   group by m.text) t
               ) end as same_text
        from upserted u
        cross join lateral (
          select count(*)::int as prior, (count(*) filter (where m.label = 'spam_scam'))::int as spam
          from messages m where m.contact_id = u.id and m.direction = 'inbound'
        ) h`,
  );
  return new Map(
    rows.map((row): [string, ContactWithHistory] => [
      scopedKey(row.workspace_id, row.platform, row.external_user_id),
      { id: row.id, muted: row.muted, prior: row.prior, spam: row.spam, sameText: new Map(row.same_text ?? []) },
    ]),
  );
}

export interface StoreMessagesOptions {
  /** Each message is read by its workspace's model. */
  classifiers: ClassifierForWorkspace;
}

/** Stores a batch (see `storeMessagesWithFacts`); returns the ids of the new messages. */
export async function storeMessages(db: Executor, incoming: IncomingMessage[], options: StoreMessagesOptions): Promise<string[]> {
  return (await storeMessagesWithFacts(db, incoming, options)).ids;
}

/** A new message and its workspace: who to tell once the batch has committed. */
export interface StoredMessage {
  id: string;
  workspaceId: string;
}

/**
 * Stores a batch of normalized messages idempotently and counts them in the spike metrics, in
 * four statements whatever its size (lookups; posts; contacts with their authors' history;
 * messages with their metrics): a message already stored under the same (platform, external
 * id) — or repeated within the batch — is left as it is. Customers' messages are classified on
 * the way in, with how often the same buyer wrote before as context. Returns the new messages,
 * and what moderation rules read about the new inbound ones — known here already, so the rules
 * cost ingestion no query of their own. Call it in a transaction, so a retried batch counts
 * nothing twice.
 */
export async function storeMessagesWithFacts(
  db: Executor,
  incoming: IncomingMessage[],
  options: StoreMessagesOptions,
): Promise<{ ids: string[]; stored: StoredMessage[]; facts: MessageFacts[]; itemsChanged: string[] }> {
  // Within the batch, the first delivery of an external id wins; redeliveries are dropped here.
  const unique = new Map<string, IncomingMessage>();
  for (const item of incoming) {
    const message = sanitize(item.message);
    const key = `${message.platform}\u0001${message.externalId}`;
    if (!unique.has(key)) unique.set(key, { ...item, message });
  }
  if (unique.size === 0) return { ids: [], stored: [], facts: [], itemsChanged: [] };

  const keys = [...unique.values()].map((i) => i.message);
  const lookup = await lookUpBatch(db, keys);
  for (const key of lookup.existing) unique.delete(key);
  const fresh = [...unique.values()];
  if (fresh.length === 0) return { ids: [], stored: [], facts: [], itemsChanged: [] };

  const accounts = await addUnknownAccounts(db, fresh.map((i) => i.message), lookup.accounts);
  const withAccounts = fresh.map((item) => {
    const account = accounts.get(accountKey(item.message.channel, item.message.accountExternalId));
    if (!account) throw new Error(`no account for ${item.message.channel} ${item.message.accountExternalId}`);
    return { ...item, account };
  });
  const postIds = await resolvePosts(db, withAccounts);
  const contacts = await resolveContacts(db, withAccounts);

  const contactOf = (item: (typeof withAccounts)[number]) => contacts.get(scopedKey(item.account.workspaceId, item.message.platform, item.message.contactExternalId));
  // The author's history, as classification context, counted on as the batch is read: how
  // often they wrote, how often spam, and how often this very text.
  const priorCounts = new Map<string, number>();
  const spamCounts = new Map<string, number>();
  const sameTextCounts = new Map<string, number>();
  for (const contact of contacts.values()) {
    priorCounts.set(contact.id, contact.prior);
    spamCounts.set(contact.id, contact.spam);
    for (const [text, n] of contact.sameText) sameTextCounts.set(`${contact.id}\u0001${text}`, n);
  }

  // Each workspace's SLA policies, once per batch (a batch is nearly always one workspace's).
  const slaSettingsByWorkspace = new Map<string, SlaSettings>();
  for (const workspaceId of new Set(withAccounts.map((item) => item.account.workspaceId))) {
    slaSettingsByWorkspace.set(workspaceId, await loadSlaSettings(db, workspaceId));
  }

  const ordered = [...withAccounts].sort((a, b) => a.message.createdAt.getTime() - b.message.createdAt.getTime());
  const muted = new Set<string>();
  const values = ordered.map(({ message, account, inboundEventId }) => {
    const contact = contactOf({ message, account, inboundEventId });
    const contactId = contact?.id ?? null;
    if (contact?.muted) muted.add(contact.id);
    const inbound = message.direction === "inbound";
    let classification: Classification | null = null;
    if (inbound) {
      const prior = contactId ? (priorCounts.get(contactId) ?? 0) : 0;
      const textKey = `${contactId}\u0001${message.text}`;
      const sameText = contactId ? (sameTextCounts.get(textKey) ?? 0) : 0;
      const spam = contactId ? (spamCounts.get(contactId) ?? 0) : 0;
      classification = options.classifiers.forWorkspace(account.workspaceId).classify(message.text, {
        likes: message.likes,
        priorMessagesFromAuthor: prior,
        sameTextFromAuthor: sameText,
        spamFromAuthor: spam,
      });
      if (contactId) {
        priorCounts.set(contactId, prior + 1);
        sameTextCounts.set(textKey, sameText + 1);
        if (classification.label === "spam_scam") spamCounts.set(contactId, spam + 1);
      }
    }
    const triage = {
      label: classification?.label ?? null,
      escalationLevel: classification?.escalation.level ?? null,
    };
    const deadlines = slaDeadlines({ direction: message.direction, kind: message.kind, platform: message.platform, ...triage }, message.createdAt, slaSettingsByWorkspace.get(account.workspaceId)!);
    return {
      id: newId("msg"),
      workspaceId: account.workspaceId,
      accountId: account.id,
      postId: message.post ? (postIds.get(`${message.platform}\u0001${message.post.externalId}`) ?? null) : null,
      contactId,
      platform: message.platform,
      kind: message.kind,
      direction: message.direction,
      externalId: message.externalId,
      parentExternalId: message.parentExternalId,
      threadKey: message.threadKey,
      conversationKey: conversationKey({ accountId: account.id, kind: message.kind, direction: message.direction, threadKey: message.threadKey, authorExternalId: message.authorExternalId }),
      isItem: true,
      assigneeId: null as string | null,
      authorExternalId: message.authorExternalId,
      authorHandle: message.authorHandle,
      text: message.text,
      likes: message.likes,
      visibility: message.visibility,
      createdAt: message.createdAt,
      // The brand's own messages need no reply.
      status: inbound ? ("open" as const) : ("closed" as const),
      inboundEventId,
      label: classification?.label ?? null,
      labelSource: "model" as "model" | "agent",
      labelScore: classification ? (classification.scores[classification.label] ?? null) : null,
      needsLabel: classification?.needsLabel ?? false,
      escalationLevel: classification?.escalation.level ?? null,
      escalationScore: classification?.escalation.score ?? null,
      classification,
      ...deadlines,
    };
  });
  await joinRepliesToTheirItems(db, values);
  const current = await lockCurrentItems(db, values.flatMap((row) => (row.direction === "inbound" && row.conversationKey ? [row.conversationKey] : [])));
  const plan = planItems(values, current);
  const storedIds = await insertMessages(db, values);
  const inserted = new Set(storedIds);
  // A message another writer stored meanwhile (the insert skipped it) takes nothing over.
  const handOvers = plan.handOvers.filter((h) => inserted.has(h.toId));
  const reopen = plan.reopen;
  await applyItemHandOvers(db, handOvers, reopen);
  const facts = values
    .filter((row) => row.direction === "inbound" && inserted.has(row.id))
    .map(
      (row): MessageFacts => ({
        id: row.id,
        workspaceId: row.workspaceId,
        platform: row.platform,
        kind: row.kind,
        status: row.status,
        visibility: row.visibility,
        text: row.text,
        authorHandle: row.authorHandle,
        createdAt: row.createdAt,
        label: row.label,
        labelScore: row.labelScore,
        escalationLevel: row.escalationLevel,
        urls: row.classification?.entities.urls ?? [],
        phones: row.classification?.entities.phones ?? [],
        postId: row.postId,
        contactId: row.contactId,
        contactMuted: row.contactId !== null && muted.has(row.contactId),
        firstMessageFromAuthor: null,
        authorPreviouslyHidden: null,
        campaignIds: null,
      }),
    );
  const stored = values.filter((row) => inserted.has(row.id)).map((row) => ({ id: row.id, workspaceId: row.workspaceId }));
  return { ids: storedIds, stored, facts, itemsChanged: [...handOvers.map((h) => h.fromId), ...reopen.map((r) => r.id)] };
}

/**
 * The brand's comment replies (seen by a poll or a webhook) join the item of the comment they
 * answer: one lookup for the batch, only when it has any.
 */
async function joinRepliesToTheirItems(db: Executor, rows: NewMessageRow[]): Promise<void> {
  const replies = rows.filter((row) => row.kind === "comment" && row.direction === "outbound" && row.parentExternalId);
  if (replies.length === 0) return;
  const parents = await queryRows<{ platform: string; external_id: string; conversation_key: string | null }>(
    db,
    sql`select m.platform, m.external_id, m.conversation_key from messages m
        join unnest(${sql.param(replies.map((r) => r.platform))}::text[], ${sql.param(replies.map((r) => r.parentExternalId!))}::text[]) as k(platform, external_id)
          on m.platform = k.platform and m.external_id = k.external_id`,
  );
  const keyOf = new Map(parents.map((p) => [`${p.platform}\u0001${p.external_id}`, p.conversation_key]));
  // A reply to a comment of the same batch takes that comment's key.
  for (const row of rows) if (row.direction === "inbound") keyOf.set(`${row.platform}\u0001${row.externalId}`, row.conversationKey ?? null);
  for (const reply of replies) reply.conversationKey = keyOf.get(`${reply.platform}\u0001${reply.parentExternalId}`) ?? null;
}

type NewMessageRow = typeof messages.$inferInsert & { id: string; classification: Classification | null };

/**
 * The hot path's one INSERT, written as `unnest` over column arrays rather than through the
 * query builder: building a many-row insert costs the builder ~30 µs a row of CPU, which is
 * most of what ingestion spends during a spike. Same conflict rule: a message already stored
 * under (platform, external id) is left alone. The same statement adds what it inserted to the
 * spike metrics, from its own RETURNING: the batch's deltas summed per bucket, one upsert, and
 * no read of the new rows back.
 */
async function insertMessages(db: Executor, rows: NewMessageRow[]): Promise<string[]> {
  const column = <T>(pick: (row: NewMessageRow) => T) => sql.param(rows.map(pick));
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`with inserted as (
        insert into messages (
          id, workspace_id, account_id, post_id, contact_id, platform, kind, direction, external_id,
          parent_external_id, thread_key, author_external_id, author_handle, text, likes, visibility,
          created_at, status, inbound_event_id, label, label_score, needs_label, escalation_level, escalation_score,
          classification, sla_policy_id, sla_warning_at, sla_breach_at, conversation_key, is_item, assignee_id, label_source)
        select * from unnest(
          ${column((r) => r.id)}::text[], ${column((r) => r.workspaceId)}::text[], ${column((r) => r.accountId)}::text[],
          ${column((r) => r.postId ?? null)}::text[], ${column((r) => r.contactId ?? null)}::text[],
          ${column((r) => r.platform)}::text[], ${column((r) => r.kind)}::text[], ${column((r) => r.direction ?? "inbound")}::text[],
          ${column((r) => r.externalId)}::text[], ${column((r) => r.parentExternalId ?? null)}::text[],
          ${column((r) => r.threadKey)}::text[], ${column((r) => r.authorExternalId)}::text[],
          ${column((r) => r.authorHandle ?? null)}::text[], ${column((r) => r.text)}::text[],
          ${column((r) => r.likes ?? 0)}::int[], ${column((r) => r.visibility ?? "visible")}::text[],
          ${column((r) => r.createdAt.toISOString())}::timestamptz[], ${column((r) => r.status ?? "open")}::text[],
          ${column((r) => r.inboundEventId ?? null)}::bigint[], ${column((r) => r.label ?? null)}::text[],
          ${column((r) => r.labelScore ?? null)}::real[], ${column((r) => r.needsLabel ?? false)}::boolean[],
          ${column((r) => r.escalationLevel ?? null)}::text[],
          ${column((r) => r.escalationScore ?? null)}::real[],
          ${column((r) => (r.classification ? JSON.stringify(r.classification) : null))}::jsonb[],
          ${column((r) => r.slaPolicyId ?? null)}::text[], ${column((r) => r.slaWarningAt?.toISOString() ?? null)}::timestamptz[],
          ${column((r) => r.slaBreachAt?.toISOString() ?? null)}::timestamptz[],
          ${column((r) => r.conversationKey ?? null)}::text[], ${column((r) => r.isItem ?? true)}::boolean[],
          ${column((r) => r.assigneeId ?? null)}::text[], ${column((r) => r.labelSource ?? "model")}::text[]
        )
        on conflict (platform, external_id) do nothing
        returning ${INGESTED_METRIC_COLUMNS}
      ), metrics as (${ingestedMetricsUpsertSql(sql`inserted`)})
      select id from inserted`,
  );
  return inserted.map((row) => row.id);
}
