import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Classification } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import { connectedAccounts, contacts, messages, posts, workspaces } from "../db/schema/index.ts";
import { compareText } from "../lib/compare-text.ts";
import { newId } from "../lib/ids.ts";
import { withoutNul } from "../lib/without-nul.ts";
import type { ClassifierForWorkspace } from "./message-classifier.ts";
import type { NormalizedMessage } from "../connectors/contract.ts";
import type { ConnectedAccount, Executor } from "../db/types.ts";
import type { MessageFacts } from "../moderation/message-facts.ts";


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

/**
 * Finds the connected accounts a batch is for. An account Surgedesk has not seen yet (the
 * platform app delivers for it, so it was authorised) is attached to the oldest workspace and
 * marked for an admin's attention, rather than dropping what its customers wrote.
 */
async function resolveAccounts(db: Executor, items: NormalizedMessage[]): Promise<Map<string, ConnectedAccount>> {
  const wanted = new Map(items.map((m) => [accountKey(m.channel, m.accountExternalId), m]));
  const load = async () => {
    const rows = await db
      .select()
      .from(connectedAccounts)
      .where(inArray(connectedAccounts.externalAccountId, [...new Set(items.map((m) => m.accountExternalId))]));
    return new Map(rows.map((row) => [accountKey(row.channel, row.externalAccountId), row]));
  };
  let found = await load();
  const missing = [...wanted.entries()].filter(([key]) => !found.has(key));
  if (missing.length === 0) return found;
  const [workspace] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(workspaces.createdAt).limit(1);
  if (!workspace) throw new Error("no workspace exists to attach a new account to");
  await db
    .insert(connectedAccounts)
    .values(
      missing.map(([, m]) => ({
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
  found = await load();
  return found;
}

async function resolvePosts(db: Executor, items: { message: NormalizedMessage; account: ConnectedAccount }[]) {
  const wanted = new Map<string, { message: NormalizedMessage; account: ConnectedAccount }>();
  for (const item of items) {
    if (item.message.post) wanted.set(`${item.message.platform}\u0001${item.message.post.externalId}`, item);
  }
  if (wanted.size === 0) return new Map<string, string>();
  // In id order, like the pollers' post details, so concurrent inserts of the same new posts
  // take their locks in one order and cannot deadlock.
  const ordered = [...wanted.values()].sort((a, b) => compareText(a.message.post!.externalId, b.message.post!.externalId));
  await db
    .insert(posts)
    .values(
      ordered.map(({ message, account }) => ({
        id: newId("post"),
        workspaceId: account.workspaceId,
        accountId: account.id,
        platform: message.platform,
        externalId: message.post!.externalId,
        productType: message.post!.productType,
      })),
    )
    .onConflictDoNothing();
  const rows = await db
    .select({ id: posts.id, platform: posts.platform, externalId: posts.externalId })
    .from(posts)
    .where(inArray(posts.externalId, [...new Set([...wanted.values()].map((w) => w.message.post!.externalId))]));
  return new Map(rows.map((row) => [`${row.platform}\u0001${row.externalId}`, row.id]));
}

/** Each buyer's contact on the platform, created on first sight; keeps the latest handle. */
async function resolveContacts(db: Executor, items: { message: NormalizedMessage; account: ConnectedAccount }[]) {
  const wanted = new Map<string, { message: NormalizedMessage; account: ConnectedAccount }>();
  for (const item of items) {
    const key = scopedKey(item.account.workspaceId, item.message.platform, item.message.contactExternalId);
    const seen = wanted.get(key);
    // Keep the newest sighting: its handle and time win.
    if (!seen || seen.message.createdAt < item.message.createdAt || (!seen.message.contactHandle && item.message.contactHandle)) {
      wanted.set(key, item);
    }
  }
  const rows = await db
    .insert(contacts)
    .values(
      [...wanted.values()].map(({ message, account }) => ({
        id: newId("contact"),
        workspaceId: account.workspaceId,
        platform: message.platform,
        externalUserId: message.contactExternalId,
        handle: message.contactHandle,
        firstSeenAt: message.createdAt,
        lastSeenAt: message.createdAt,
      })),
    )
    .onConflictDoUpdate({
      target: [contacts.workspaceId, contacts.platform, contacts.externalUserId],
      set: {
        handle: sql`coalesce(excluded.handle, ${contacts.handle})`,
        lastSeenAt: sql`greatest(excluded.last_seen_at, ${contacts.lastSeenAt})`,
      },
    })
    .returning({ id: contacts.id, workspaceId: contacts.workspaceId, platform: contacts.platform, externalUserId: contacts.externalUserId, mutedAt: contacts.mutedAt });
  return new Map(rows.map((row) => [scopedKey(row.workspaceId, row.platform, row.externalUserId), { id: row.id, muted: row.mutedAt !== null }]));
}

export interface StoreMessagesOptions {
  /** Each message is read by its workspace's model. */
  classifiers: ClassifierForWorkspace;
}

/** Stores a batch (see `storeMessagesWithFacts`); returns the ids of the new messages. */
export async function storeMessages(db: Executor, incoming: IncomingMessage[], options: StoreMessagesOptions): Promise<string[]> {
  return (await storeMessagesWithFacts(db, incoming, options)).ids;
}

/**
 * Stores a batch of normalized messages idempotently, in a handful of statements whatever its
 * size: a message already stored under the same (platform, external id) — or repeated within
 * the batch — is left as it is. Customers' messages are classified on the way in, with how
 * often the same buyer wrote before as context. Returns the ids of the new messages, and what
 * moderation rules read about the new inbound ones — known here already, so the rules cost
 * ingestion no query of their own.
 */
export async function storeMessagesWithFacts(db: Executor, incoming: IncomingMessage[], options: StoreMessagesOptions): Promise<{ ids: string[]; facts: MessageFacts[] }> {
  // Within the batch, the first delivery of an external id wins; redeliveries are dropped here.
  const unique = new Map<string, IncomingMessage>();
  for (const item of incoming) {
    const message = sanitize(item.message);
    const key = `${message.platform}\u0001${message.externalId}`;
    if (!unique.has(key)) unique.set(key, { ...item, message });
  }
  if (unique.size === 0) return { ids: [], facts: [] };

  // Looked up by the whole (platform, external id) key, so the unique index answers it: by the
  // external id alone PostgreSQL scanned the whole table, which grows with every message kept.
  const keys = [...unique.values()].map((i) => i.message);
  const existing = await queryRows<{ platform: string; externalId: string }>(
    db,
    sql`select m.platform, m.external_id as "externalId"
        from messages m
        join unnest(${sql.param(keys.map((m) => m.platform))}::text[], ${sql.param(keys.map((m) => m.externalId))}::text[])
          as k(platform, external_id) on m.platform = k.platform and m.external_id = k.external_id`,
  );
  for (const row of existing) unique.delete(`${row.platform}\u0001${row.externalId}`);
  const fresh = [...unique.values()];
  if (fresh.length === 0) return { ids: [], facts: [] };

  const accounts = await resolveAccounts(db, fresh.map((i) => i.message));
  const withAccounts = fresh.map((item) => {
    const account = accounts.get(accountKey(item.message.channel, item.message.accountExternalId));
    if (!account) throw new Error(`no account for ${item.message.channel} ${item.message.accountExternalId}`);
    return { ...item, account };
  });
  const postIds = await resolvePosts(db, withAccounts);
  const contactIds = await resolveContacts(db, withAccounts);

  const contactOf = (item: (typeof withAccounts)[number]) => contactIds.get(scopedKey(item.account.workspaceId, item.message.platform, item.message.contactExternalId));
  const contactIdOf = (item: (typeof withAccounts)[number]) => contactOf(item)?.id ?? null;
  // The author's history, as classification context: how often they wrote, how often spam,
  // and how often this very text (a bot pasting one pitch under many posts).
  const priorCounts = new Map<string, number>();
  const spamCounts = new Map<string, number>();
  const sameTextCounts = new Map<string, number>();
  const ids = [...new Set(withAccounts.map(contactIdOf).filter((id): id is string => id !== null))];
  if (ids.length > 0) {
    const rows = await db
      .select({ contactId: messages.contactId, n: count(), spam: sql<number>`count(*) filter (where ${messages.label} = 'spam_scam')`.mapWith(Number) })
      .from(messages)
      .where(and(inArray(messages.contactId, ids), eq(messages.direction, "inbound")))
      .groupBy(messages.contactId);
    for (const row of rows) {
      if (!row.contactId) continue;
      priorCounts.set(row.contactId, row.n);
      spamCounts.set(row.contactId, row.spam);
    }
    // Only authors who wrote before can be repeating themselves.
    const repeaters = [...priorCounts.keys()];
    if (repeaters.length > 0) {
      const texts = [...new Set(withAccounts.map((i) => i.message.text))];
      const same = await db
        .select({ contactId: messages.contactId, text: messages.text, n: count() })
        .from(messages)
        .where(and(inArray(messages.contactId, repeaters), inArray(messages.text, texts), eq(messages.direction, "inbound")))
        .groupBy(messages.contactId, messages.text);
      for (const row of same) if (row.contactId) sameTextCounts.set(`${row.contactId}\u0001${row.text}`, row.n);
    }
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
      labelScore: classification ? (classification.scores[classification.label] ?? null) : null,
      needsLabel: classification?.needsLabel ?? false,
      escalationLevel: classification?.escalation.level ?? null,
      escalationScore: classification?.escalation.score ?? null,
      classification,
    };
  });
  const storedIds = await insertMessages(db, values);
  const inserted = new Set(storedIds);
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
  return { ids: storedIds, facts };
}

type NewMessageRow = typeof messages.$inferInsert & { id: string; classification: Classification | null };

/**
 * The hot path's one INSERT, written as `unnest` over column arrays rather than through the
 * query builder: building a many-row insert costs the builder ~30 µs a row of CPU, which is
 * most of what ingestion spends during a spike. Same conflict rule: a message already stored
 * under (platform, external id) is left alone.
 */
async function insertMessages(db: Executor, rows: NewMessageRow[]): Promise<string[]> {
  const column = <T>(pick: (row: NewMessageRow) => T) => sql.param(rows.map(pick));
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`insert into messages (
          id, workspace_id, account_id, post_id, contact_id, platform, kind, direction, external_id,
          parent_external_id, thread_key, author_external_id, author_handle, text, likes, visibility,
          created_at, status, inbound_event_id, label, label_score, needs_label, escalation_level, escalation_score,
          classification)
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
          ${column((r) => (r.classification ? JSON.stringify(r.classification) : null))}::jsonb[]
        )
        on conflict (platform, external_id) do nothing
        returning id`,
  );
  return inserted.map((row) => row.id);
}
