import { sql } from "drizzle-orm";
import { bigint, customType, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uniqueIndex, boolean } from "drizzle-orm/pg-core";
import {
  ESCALATION_LEVELS,
  LABELS,
  MESSAGE_DIRECTIONS,
  MESSAGE_KINDS,
  MESSAGE_STATUSES,
  MESSAGE_VISIBILITIES,
  PLATFORMS,
  type Classification,
} from "@surgedesk/shared";
import { users } from "./users.ts";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A comment or DM in the one normal form, whatever platform it came from. */
export const messages = pgTable(
  "messages",
  {
    id: text().primaryKey(),
    // No foreign keys on the references ingestion writes (workspace, account, post, contact, raw
    // event): each checked row cost the hot INSERT a trigger and a row lock on its parent, about
    // half of its time (docs/architecture.md, "Ingest"). Ingestion resolves them in the transaction that inserts
    // the message, and the only deleters of those parents (contact erasure, raw-event retention)
    // detach messages first; api/src/ingest/message-references.test.ts checks that nothing dangles.
    workspaceId: text().notNull(),
    accountId: text().notNull(),
    postId: text(),
    platform: text({ enum: PLATFORMS }).notNull(),
    kind: text({ enum: MESSAGE_KINDS }).notNull(),
    direction: text({ enum: MESSAGE_DIRECTIONS }).notNull().default("inbound"),
    externalId: text().notNull(),
    /** The platform id of the comment this one replies to. */
    parentExternalId: text(),
    /** Groups a conversation: the top-level comment's id, or the DM conversation. */
    threadKey: text().notNull(),
    /**
     * The item (unit of triage) the message belongs to: a DM conversation of one account, or one
     * buyer's comments in one comment thread (conversations/conversation-key.ts). The brand's
     * reply takes the key of what it answers. Null: an item of its own.
     */
    conversationKey: text(),
    /**
     * This row stands for its item in the queues, counts and lists: the item's latest customer
     * message, carrying the item's status, assignee, tags and SLA timer. The item's earlier
     * messages and the brand's replies in it are false, shown within the item (ingest moves the
     * flag as messages arrive: conversations/supersede-items.ts).
     */
    isItem: boolean().notNull().default(true),
    authorExternalId: text().notNull(),
    authorHandle: text(),
    contactId: text(),
    text: text().notNull(),
    likes: integer().notNull().default(0),
    visibility: text({ enum: MESSAGE_VISIBILITIES }).notNull().default("visible"),
    /**
     * When the platform last told us this message's visibility or text changed (a webhook's event
     * time, or when a poll read it). A report older than this is stale and ignored, so webhooks and
     * polls may be applied in any order; null: only what ingestion or the send assumed.
     */
    visibilityObservedAt: timestamp({ withTimezone: true }),
    /** When the platform says it was written. */
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** When Surgedesk first stored it. */
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: text({ enum: MESSAGE_STATUSES }).notNull().default("open"),
    /** A snoozed message comes back to the open queues at this time. */
    snoozedUntil: timestamp({ withTimezone: true }),
    assigneeId: text().references(() => users.id),
    /**
     * The first-response deadlines from the workspace's SLA policy that matched the message (its
     * id), computed when it arrives, is relabelled or the policies change (sla/sla-deadlines.ts);
     * null: no timer. Stored so the queues read and count due and late items by index, not by
     * re-running business-hours arithmetic per row.
     */
    slaPolicyId: text(),
    slaWarningAt: timestamp({ withTimezone: true }),
    slaBreachAt: timestamp({ withTimezone: true }),
    /** Snoozed since: the clock is stopped, and waking moves the deadlines on by the pause. */
    slaPausedAt: timestamp({ withTimezone: true }),
    inboundEventId: bigint({ mode: "number" }),
    /** The classifier's answer (or an agent's correction) — copied to columns for filtering. */
    label: text({ enum: LABELS }),
    labelScore: real(),
    labelSource: text({ enum: ["model", "agent"] }).notNull().default("model"),
    /** The model was not sure of the label (top score under its floor) and no agent has set one. */
    needsLabel: boolean().notNull().default(false),
    escalationLevel: text({ enum: ESCALATION_LEVELS }),
    escalationScore: real(),
    classification: jsonb().$type<Classification>(),
    /**
     * Escalation as a number that sorts most urgent first (0 high … 3 none), so the queues'
     * "urgent, then oldest" order is one ascending keyset that an index can walk.
     */
    escalationRank: smallint()
      .notNull()
      .generatedAlwaysAs(sql`case escalation_level when 'high' then 0 when 'medium' then 1 when 'low' then 2 else 3 end`),
    /** Full-text search over the text and the author; 'simple' because buyers mix English and Spanish. */
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', coalesce(author_handle, '') || ' ' || text)`),
  },
  (t) => [
    // Idempotent ingestion: a redelivered or re-polled comment lands on the same row.
    uniqueIndex("messages_platform_external_key").on(t.platform, t.externalId),
    // The inbox: newest first within a workspace, keyset-paginated on (created_at, id).
    index("messages_inbox_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    // Open queues are what agents read all day; a partial index keeps that scan small and hot.
    index("messages_open_idx")
      .on(t.workspaceId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'open' and ${t.isItem}`),
    index("messages_thread_idx").on(t.threadKey, t.createdAt),
    // An item's messages, and its current row, by key.
    index("messages_conversation_idx")
      .on(t.conversationKey, t.createdAt)
      .where(sql`${t.conversationKey} is not null`),
    index("messages_author_idx").on(t.platform, t.authorExternalId),
    index("messages_contact_idx").on(t.contactId, t.createdAt.desc()),
    // Pruning or erasing a raw event unlinks its messages first.
    index("messages_inbound_event_idx")
      .on(t.inboundEventId)
      .where(sql`${t.inboundEventId} is not null`),
    // Label and escalation queues over open items.
    index("messages_open_label_idx")
      .on(t.workspaceId, t.label, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.status} = 'open' and ${t.isItem}`),
    index("messages_post_idx").on(t.postId, t.createdAt.desc()),
    // The work queues' default order (most urgent, then oldest) over open items: a first page
    // is the first 50 entries of this index, whatever the queue's label or escalation filter.
    index("messages_open_priority_idx")
      .on(t.workspaceId, t.escalationRank, t.createdAt, t.id)
      .where(sql`${t.status} = 'open' and ${t.isItem}`),
    // The same order within one label, for label queues whose label is rare (promo, spam).
    index("messages_open_label_priority_idx")
      .on(t.workspaceId, t.label, t.escalationRank, t.createdAt, t.id)
      .where(sql`${t.status} = 'open' and ${t.isItem}`),
    // "Assigned to me": few rows per agent, so a small partial index instead of a long filter.
    index("messages_open_assignee_idx")
      .on(t.assigneeId, t.escalationRank, t.createdAt, t.id)
      .where(sql`${t.status} = 'open' and ${t.isItem} and ${t.assigneeId} is not null`),
    // Open DMs of one platform in the work queues' order: a filter the priority index serves
    // badly (a platform's DMs are a few percent of the open messages, so its first page walked tens
    // of thousands of entries at a million messages). DMs only, so comments' inserts skip it.
    index("messages_open_dm_priority_idx")
      .on(t.workspaceId, t.platform, t.escalationRank, t.createdAt, t.id)
      .where(sql`${t.status} = 'open' and ${t.isItem} and ${t.kind} = 'dm'`),
    index("messages_search_idx").using("gin", t.searchVector),
    // The sidebar's due-soon and late counts read the minutes just before now of the deadlines
    // from the messages themselves (queues/queue-counts.ts): waiting ones only.
    index("messages_sla_warning_idx")
      .on(t.workspaceId, t.slaWarningAt)
      .where(sql`${t.status} = 'open' and ${t.isItem} and ${t.direction} = 'inbound' and ${t.slaWarningAt} is not null`),
    index("messages_sla_breach_idx")
      .on(t.workspaceId, t.slaBreachAt)
      .where(sql`${t.status} = 'open' and ${t.isItem} and ${t.direction} = 'inbound' and ${t.slaBreachAt} is not null`),
    // Waking snoozed messages looks only at snoozed ones that are due.
    index("messages_snoozed_idx")
      .on(t.snoozedUntil)
      .where(sql`${t.status} = 'snoozed'`),
  ],
);
