import { and, eq, gt, gte, inArray, isNull, lt, lte, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import { QUEUES, SLA_PAUSED_STATUSES, type MessageFilter } from "@surgedesk/shared";
import { campaignPosts, itemTags, messageFirstResponses, messages } from "../db/schema/index.ts";
import { searchTsQuery } from "./search-query.ts";

/** Who is asking and when: a filter's meaning depends on both ("me", SLA deadlines). */
export interface FilterScope {
  workspaceId: string;
  userId: string;
  now: Date;
  /**
   * The query left-joins message_first_responses (counting over many rows: one hash join beats a
   * lookup per row); otherwise each row is probed, which is cheapest for a 50-row page.
   */
  firstResponsesJoined?: boolean;
}

/** No reply from the brand yet: the first-response timer is still running. */
function unanswered(scope: Pick<FilterScope, "firstResponsesJoined">): SQL {
  return scope.firstResponsesJoined
    ? sql`${messageFirstResponses.messageId} is null`
    : sql`not exists (select 1 from ${messageFirstResponses} where ${messageFirstResponses.messageId} = ${messages.id})`;
}

function awaitingFirstResponse(scope: Pick<FilterScope, "firstResponsesJoined">): SQL {
  return and(eq(messages.direction, "inbound"), ne(messages.status, "closed"), unanswered(scope))!;
}

/** Waiting on the customer or on a time: the clock is stopped, neither due soon nor late. */
const clockRunning = () => notInArray(messages.status, [...SLA_PAUSED_STATUSES]);

/**
 * Past its warning time but not its breach time, from the deadlines stored with each message
 * (sla/sla-clocks.ts). A snoozed message's clock is stopped: it is neither due soon nor late.
 */
export function slaWarningCondition(scope: Pick<FilterScope, "now" | "firstResponsesJoined">): SQL {
  return and(
    awaitingFirstResponse(scope),
    clockRunning(),
    lte(messages.slaWarningAt, scope.now),
    gt(messages.slaBreachAt, scope.now),
  )!;
}

export function slaBreachedCondition(scope: Pick<FilterScope, "now" | "firstResponsesJoined">): SQL {
  return and(awaitingFirstResponse(scope), clockRunning(), lte(messages.slaBreachAt, scope.now))!;
}

/**
 * A filter as SQL conditions, always within the actor's workspace, over items: each
 * conversation's item row (messages.is_item), which stands for its earlier messages too. The
 * list, the counts and bulk changes on a whole filter all use this one translation, so they
 * agree on what matches.
 */
export function filterConditions(filter: MessageFilter, scope: FilterScope): SQL[] {
  const conditions: SQL[] = [eq(messages.workspaceId, scope.workspaceId), eq(messages.isItem, true)];
  const queue = QUEUES[filter.queue ?? "all"];
  // A single status stays a plain equality, so the planner matches the partial indexes on it.
  if (queue.statuses?.length === 1) conditions.push(eq(messages.status, queue.statuses[0]!));
  else if (queue.statuses) conditions.push(inArray(messages.status, queue.statuses));
  if (queue.labels?.length === 1) conditions.push(eq(messages.label, queue.labels[0]!));
  else if (queue.labels) conditions.push(inArray(messages.label, queue.labels));
  if (queue.excludeLabels) conditions.push(or(isNull(messages.label), notInArray(messages.label, queue.excludeLabels))!);
  if (queue.escalations) conditions.push(inArray(messages.escalationLevel, queue.escalations));
  if (queue.needsLabel !== undefined) conditions.push(eq(messages.needsLabel, queue.needsLabel));
  if (queue.unanswered) conditions.push(eq(messages.direction, "inbound"), unanswered(scope));

  if (filter.platform) conditions.push(eq(messages.platform, filter.platform));
  if (filter.kind) conditions.push(eq(messages.kind, filter.kind));
  if (filter.status) conditions.push(eq(messages.status, filter.status));
  if (filter.label) conditions.push(eq(messages.label, filter.label));
  if (filter.escalation) conditions.push(eq(messages.escalationLevel, filter.escalation));
  if (filter.assignee === "me") conditions.push(eq(messages.assigneeId, scope.userId));
  else if (filter.assignee === "none") conditions.push(isNull(messages.assigneeId));
  else if (filter.assignee) conditions.push(eq(messages.assigneeId, filter.assignee));
  if (filter.postId) conditions.push(eq(messages.postId, filter.postId));
  if (filter.campaignId) {
    conditions.push(
      sql`${messages.postId} in (select ${campaignPosts.postId} from ${campaignPosts} where ${campaignPosts.campaignId} = ${filter.campaignId})`,
    );
  }
  // A semi-join on the tag's rows (item_tags_tag_idx): the planner reads a rare tag's items by
  // id, and walks the queue's own index checking each row when the tag is common.
  if (filter.tag) conditions.push(sql`${messages.id} in (select ${itemTags.messageId} from ${itemTags} where ${itemTags.tagId} = ${filter.tag})`);
  if (filter.from) conditions.push(gte(messages.createdAt, new Date(filter.from)));
  if (filter.to) conditions.push(lt(messages.createdAt, new Date(filter.to)));
  const tsquery = filter.q ? searchTsQuery(filter.q) : null;
  // The item's own text, or any earlier message of its conversation (a buyer gave the order
  // number three messages ago): a probe of the conversation's rows, only for rows whose own text
  // does not match.
  if (tsquery) {
    const query = sql`to_tsquery('simple', ${tsquery})`;
    conditions.push(
      sql`(${messages.searchVector} @@ ${query} or (${messages.conversationKey} is not null and exists (
            select 1 from ${messages} as earlier
            where earlier.conversation_key = ${messages.conversationKey} and not earlier.is_item and earlier.search_vector @@ ${query})))`,
    );
  }
  if (filter.sla === "warning") conditions.push(slaWarningCondition(scope));
  if (filter.sla === "breached") conditions.push(slaBreachedCondition(scope));
  return conditions;
}
