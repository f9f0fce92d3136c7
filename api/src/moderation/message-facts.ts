import { sql } from "drizzle-orm";
import type { EscalationLevel, Label, MessageKind, MessageStatus, MessageVisibility, Platform } from "@surgedesk/shared";
import { queryRows } from "../db/client.ts";
import type { Executor } from "../db/types.ts";

/**
 * What rules read about one inbound message. Each fact has an item-level twin (the item's
 * latest customer message, its author, its post), so rules carry over to conversations.
 */
export interface MessageFacts {
  id: string;
  workspaceId: string;
  platform: Platform;
  kind: MessageKind;
  status: MessageStatus;
  visibility: MessageVisibility;
  text: string;
  authorHandle: string | null;
  createdAt: Date;
  label: Label | null;
  /** The model's score for the label; an agent's label counts as certain. */
  labelScore: number | null;
  escalationLevel: EscalationLevel | null;
  urls: string[];
  phones: string[];
  postId: string | null;
  contactId: string | null;
  contactMuted: boolean;
  /** Only read when a rule asks (they cost a lookup each): null otherwise. */
  firstMessageFromAuthor: boolean | null;
  authorPreviouslyHidden: boolean | null;
  campaignIds: string[] | null;
}

/** The lookups beyond the message's own row, done only when some rule reads them. */
export interface FactNeeds {
  history: boolean;
  campaigns: boolean;
}

type FactRow = {
  id: string;
  workspace_id: string;
  platform: Platform;
  kind: MessageKind;
  status: MessageStatus;
  visibility: MessageVisibility;
  text: string;
  author_handle: string | null;
  created_at: string | Date;
  label: Label | null;
  label_score: number | null;
  label_source: "model" | "agent";
  escalation_level: EscalationLevel | null;
  urls: string[] | null;
  phones: string[] | null;
  post_id: string | null;
  contact_id: string | null;
  muted: boolean;
  first_message: boolean | null;
  previously_hidden: boolean | null;
  campaign_ids: string[] | null;
};

/**
 * One statement for a batch's inbound messages (a stored message, or the latest N for a test).
 * `where` names the messages (alias `m`); `order`/`limit` pick the latest for a rule test.
 */
export async function loadMessageFacts(db: Executor, where: ReturnType<typeof sql>, needs: FactNeeds, tail: ReturnType<typeof sql> = sql``): Promise<MessageFacts[]> {
  const history = needs.history
    ? sql`not exists (select 1 from messages p where p.contact_id = m.contact_id and p.direction = 'inbound'
                      and (p.created_at, p.id) < (m.created_at, m.id)) as first_message,
          (c.muted_at is not null or exists (select 1 from messages p where p.contact_id = m.contact_id and p.id <> m.id and p.visibility = 'hidden')) as previously_hidden`
    : sql`null::boolean as first_message, null::boolean as previously_hidden`;
  const campaigns = needs.campaigns
    ? sql`(select coalesce(array_agg(cp.campaign_id), '{}') from campaign_posts cp where cp.post_id = m.post_id) as campaign_ids`
    : sql`null::text[] as campaign_ids`;
  const rows = await queryRows<FactRow>(
    db,
    sql`select m.id, m.workspace_id, m.platform, m.kind, m.status, m.visibility, m.text, m.author_handle, m.created_at,
               m.label, m.label_score, m.label_source, m.escalation_level,
               array(select jsonb_array_elements_text(m.classification->'entities'->'urls')) as urls,
               array(select jsonb_array_elements_text(m.classification->'entities'->'phones')) as phones,
               m.post_id, m.contact_id, (c.muted_at is not null) as muted, ${history}, ${campaigns}
        from messages m
        left join contacts c on c.id = m.contact_id
        where m.direction = 'inbound' and ${where}
        ${tail}`,
  );
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspace_id,
    platform: row.platform,
    kind: row.kind,
    status: row.status,
    visibility: row.visibility,
    text: row.text,
    authorHandle: row.author_handle,
    createdAt: new Date(row.created_at),
    label: row.label,
    labelScore: row.label_source === "agent" ? 1 : row.label_score,
    escalationLevel: row.escalation_level,
    urls: row.urls ?? [],
    phones: row.phones ?? [],
    postId: row.post_id,
    contactId: row.contact_id,
    contactMuted: row.muted,
    firstMessageFromAuthor: row.first_message,
    authorPreviouslyHidden: row.previously_hidden,
    campaignIds: row.campaign_ids,
  }));
}
