import { z } from "zod";
import { PlatformApiError, type PollContext, type PollOutcome, type ResourcePoller } from "../../connectors/contract.ts";
import { graphClientFor } from "./graph-client-for.ts";
import { graphCommentsEventBody } from "./graph-comments-event.ts";
import { graphId, graphPageSchema, nextAfter, type GraphPage } from "./graph-schemas.ts";
import { INSTAGRAM_MEDIA_COMMENTS } from "./media-poller.ts";
import { reconcileIntervalMs } from "./reconcile-interval.ts";

/**
 * Threads whose replies did not fit in the first page embedded in their comment, still to be
 * paged through `/{comment-id}/replies`. Kept in the cursor's state so it survives a restart.
 */
const stateSchema = z.object({
  replyQueue: z
    .array(z.object({ commentId: z.string().min(1), after: z.string().min(1) }))
    .catch([])
    .default([]),
});
type ReplyQueue = z.infer<typeof stateSchema>["replyQueue"];

/** Just enough of a comment to see whether its embedded replies continue on another page. */
const overflowProbe = z.object({ id: graphId, replies: graphPageSchema.optional() });

function overflowingThreads(page: GraphPage): ReplyQueue {
  const queue: ReplyQueue = [];
  for (const item of page.data) {
    const probe = overflowProbe.safeParse(item);
    const after = probe.success ? nextAfter(probe.data.replies?.paging) : null;
    if (probe.success && after) queue.push({ commentId: probe.data.id, after });
  }
  return queue;
}

function countItems(page: GraphPage): number {
  let count = page.data.length;
  for (const item of page.data) {
    const probe = overflowProbe.safeParse(item);
    if (probe.success) count += probe.data.replies?.data.length ?? 0;
  }
  return count;
}

function eventFor(context: PollContext, page: GraphPage, parentId: string | null) {
  return {
    format: "instagram.graph_comments" as const,
    body: graphCommentsEventBody({
      accountId: context.account.externalAccountId,
      accountUsername: context.account.handle,
      mediaId: context.cursor.resourceId,
      mediaProductType: null,
      parentId,
      fetchedAt: context.now,
      page,
    }),
  };
}

/**
 * One media's comments, one Graph page per poll, each page stored raw for ingestion. A pass
 * walks the comments with their first page of replies; a thread with more replies is paged
 * through `/replies` before the pass moves on, so the queue never holds more than one page's
 * threads. When the pass is complete, the next one is due after an interval that depends on
 * the media's age. A pass reads everything rather than stopping at the newest comment already
 * seen: Graph does not promise an order, and a new reply can sit under an old comment. Whatever
 * is read twice is deduplicated on ingestion.
 */
export const instagramMediaCommentsPoller: ResourcePoller = {
  resource: INSTAGRAM_MEDIA_COMMENTS,
  channel: "instagram",
  async poll(context): Promise<PollOutcome> {
    const { cursor, now } = context;
    const client = graphClientFor(context);
    const { replyQueue } = stateSchema.parse(cursor.state ?? {});
    const nextPass = reconcileIntervalMs(cursor.resourceCreatedAt, now);

    const pending = replyQueue[0];
    if (pending) {
      const { body, after, slowDownMs } = await client.listReplies(pending.commentId, { after: pending.after });
      const rest = replyQueue.slice(1);
      const queue = after ? [{ commentId: pending.commentId, after }, ...rest] : rest;
      return {
        events: [eventFor(context, body, pending.commentId)],
        pageCursor: cursor.pageCursor,
        state: { replyQueue: queue },
        itemsGathered: body.data.length,
        nextPollInMs: queue.length > 0 || cursor.pageCursor ? 0 : nextPass,
        ...(slowDownMs && { slowAccountForMs: slowDownMs }),
      };
    }

    let response;
    try {
      response = await client.listComments(cursor.resourceId, { after: cursor.pageCursor });
    } catch (error) {
      // A paging cursor can go stale while a pass waits (throttling, downtime): start the pass
      // over rather than retrying the same refused cursor forever. What is re-read is deduplicated.
      if (error instanceof PlatformApiError && error.kind === "rejected" && cursor.pageCursor) {
        return { events: [], pageCursor: null, state: { replyQueue: [] }, itemsGathered: 0, nextPollInMs: 0 };
      }
      throw error;
    }
    const { body, after, slowDownMs } = response;
    const queue = overflowingThreads(body);
    return {
      events: body.data.length > 0 ? [eventFor(context, body, null)] : [],
      pageCursor: after,
      state: { replyQueue: queue },
      itemsGathered: countItems(body),
      nextPollInMs: after || queue.length > 0 ? 0 : nextPass,
      ...(slowDownMs && { slowAccountForMs: slowDownMs }),
    };
  },
};
