import { eq, getTableColumns, sql } from "drizzle-orm";
import { ATTACHMENT_PLACEHOLDER_SOURCE, type Message, type TagSummary } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { messageFirstResponses, messages, posts, users } from "../db/schema/index.ts";
import { postThumbnailPath } from "../posts/thumbnail-path.ts";
import { itemIdOfRow } from "../conversations/item-of.ts";

// The search vector is for the database alone, and the full classification only for the detail.
const { searchVector: _searchVector, classification: _classification, ...listColumns } = getTableColumns(messages);

/** The columns a message is shown with: the row, its post, its assignee's name, its first answer. */
export const messageRowColumns = {
  message: listColumns,
  post: { id: posts.id, externalId: posts.externalId, productType: posts.productType, caption: posts.caption, thumbnailUrl: posts.thumbnailUrl },
  assigneeName: users.name,
  firstResponseAt: messageFirstResponses.respondedAt,
  // Read per shown row (a page is 50), by the join table's primary key: lists stay one statement.
  tags: sql<TagSummary[] | string>`coalesce((select json_agg(json_build_object('id', t.id, 'name', t.name, 'colour', t.colour) order by lower(t.name))
      from item_tags it join tags t on t.id = it.tag_id where it.message_id = ${messages.id}), '[]'::json)`,
  // The item the row belongs to and its size, by the conversation index: two probes per shown row.
  itemId: sql<string>`${itemIdOfRow(messages)}`,
  itemSize: sql<number>`case when ${messages.conversationKey} is null then 1
      else (select count(*) from messages s where s.conversation_key = ${messages.conversationKey}) end`.mapWith(Number),
  // Only for a row that is an attachment alone: one more probe of its conversation.
  itemWords: sql<string | null>`case when ${messages.conversationKey} is not null and ${messages.text} ~* ${ATTACHMENT_PLACEHOLDER_SOURCE} then (
      select s.text from messages s
      where s.conversation_key = ${messages.conversationKey} and s.direction = 'inbound' and s.id <> ${messages.id}
        and s.created_at <= ${messages.createdAt} and s.text !~* ${ATTACHMENT_PLACEHOLDER_SOURCE} and s.text <> ''
      order by s.created_at desc limit 1) end`,
};

export type MessageRow = {
  message: Omit<typeof messages.$inferSelect, "searchVector" | "classification">;
  post: { id: string; externalId: string; productType: string | null; caption: string | null; thumbnailUrl: string | null } | null;
  assigneeName: string | null;
  firstResponseAt: Date | null;
  /** JSON, parsed by one driver and not the other. */
  tags: TagSummary[] | string;
  itemId: string;
  itemSize: number;
  itemWords: string | null;
};

/** `select … from messages` with what a shown message is joined to; add where, order and limit. */
export function selectMessageRows(db: Database) {
  return db
    .select(messageRowColumns)
    .from(messages)
    .leftJoin(posts, eq(posts.id, messages.postId))
    .leftJoin(users, eq(users.id, messages.assigneeId))
    .leftJoin(messageFirstResponses, eq(messageFirstResponses.messageId, messages.id));
}

export function toApiMessage({ message, post, assigneeName, firstResponseAt, tags, itemId, itemSize, itemWords }: MessageRow): Message {
  return {
    id: message.id,
    workspaceId: message.workspaceId,
    accountId: message.accountId,
    platform: message.platform,
    kind: message.kind,
    direction: message.direction,
    externalId: message.externalId,
    parentExternalId: message.parentExternalId,
    threadKey: message.threadKey,
    authorExternalId: message.authorExternalId,
    authorHandle: message.authorHandle,
    contactId: message.contactId,
    text: message.text,
    likes: message.likes,
    visibility: message.visibility,
    label: message.label,
    labelScore: message.labelScore,
    labelSource: message.labelSource,
    needsLabel: message.needsLabel,
    escalationLevel: message.escalationLevel,
    escalationScore: message.escalationScore,
    createdAt: message.createdAt.toISOString(),
    receivedAt: message.receivedAt.toISOString(),
    status: message.status,
    snoozedUntil: message.snoozedUntil?.toISOString() ?? null,
    assigneeId: message.assigneeId,
    assigneeName,
    firstResponseAt: firstResponseAt?.toISOString() ?? null,
    slaPolicyId: message.slaPolicyId,
    slaWarningAt: message.slaWarningAt?.toISOString() ?? null,
    slaBreachAt: message.slaBreachAt?.toISOString() ?? null,
    slaPausedAt: message.slaPausedAt?.toISOString() ?? null,
    post: post && { id: post.id, externalId: post.externalId, productType: post.productType, caption: post.caption, thumbnail: postThumbnailPath(post) },
    tags: typeof tags === "string" ? (JSON.parse(tags) as TagSummary[]) : tags,
    itemId,
    itemSize: Math.max(1, Number(itemSize)),
    itemWords,
  };
}
