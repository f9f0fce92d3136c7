import { z } from "zod";
import { PlatformApiError, type DiscoveredResource, type PollOutcome, type ResourcePoller } from "../../connectors/contract.ts";
import { conversationBuyer } from "./api-payloads.ts";
import { CONVERSATION_LIST_INTERVAL_MS } from "./conversation-poll-interval.ts";
import { TIKTOK_SHOP_CONVERSATION_MESSAGES, TIKTOK_SHOP_CONVERSATIONS } from "./resources.ts";
import { shopClientFor } from "./shop-client-for.ts";

/** Activity this close before the previous pass started still counts as new (clock skew). */
const ACTIVITY_MARGIN_MS = 2 * 60_000;
/** However the list is ordered, every conversation is looked at at least this often. */
const FULL_PASS_EVERY_MS = 60 * 60_000;

/** Milliseconds since the epoch, or null; a malformed state starts over rather than failing. */
const instant = z.number().nonnegative().nullable().catch(null).default(null);
const stateSchema = z.object({
  passStartedAt: instant,
  lastPassStartedAt: instant,
  lastFullPassAt: instant,
  fullPass: z.boolean().catch(true).default(true),
});
type ConversationsState = z.infer<typeof stateSchema>;

/**
 * The shop's conversation list, one page (20) per poll. It gathers no messages itself: every
 * conversation becomes a `tiktok_shop.conversation_messages` cursor, created with the buyer
 * from the participants (the only place the buyer's `user_id` appears). A conversation whose
 * latest message is newer than the previous pass is brought forward to be read now.
 *
 * The list comes most recently active first, so an incremental pass stops at the first
 * conversation that has been quiet since the previous pass. Once an hour a pass reads the
 * whole list, so a conversation is never missed for long should that order not hold.
 */
export const tiktokShopConversationsPoller: ResourcePoller = {
  resource: TIKTOK_SHOP_CONVERSATIONS,
  channel: "tiktok_shop",
  async poll(context): Promise<PollOutcome> {
    const { cursor, now } = context;
    const client = shopClientFor(context);
    const saved = stateSchema.parse(cursor.state ?? {});
    const firstPage = cursor.pageCursor === null;
    const pass: ConversationsState = firstPage
      ? {
          ...saved,
          passStartedAt: now.getTime(),
          fullPass:
            saved.lastPassStartedAt === null ||
            saved.lastFullPassAt === null ||
            now.getTime() - saved.lastFullPassAt >= FULL_PASS_EVERY_MS,
        }
      : { ...saved, passStartedAt: saved.passStartedAt ?? now.getTime() };

    let response;
    try {
      response = await client.listConversations({ pageToken: cursor.pageCursor });
    } catch (error) {
      // A page token can go stale while a pass waits out throttling or downtime: start the pass
      // over rather than retrying a refused token forever.
      if (error instanceof PlatformApiError && error.kind === "rejected" && cursor.pageCursor) {
        return { events: [], pageCursor: null, state: { ...saved, passStartedAt: null }, itemsGathered: 0, nextPollInMs: 0 };
      }
      throw error;
    }
    const { conversations, next_page_token: next } = response.page;

    const activeSince = saved.lastPassStartedAt === null ? null : saved.lastPassStartedAt - ACTIVITY_MARGIN_MS;
    let reachedQuiet = false;
    const discovered: DiscoveredResource[] = conversations.map((conversation) => {
      const lastActivity = (conversation.latest_message?.create_time ?? conversation.create_time).getTime();
      const active = activeSince === null || lastActivity >= activeSince;
      if (!active) reachedQuiet = true;
      return {
        resource: TIKTOK_SHOP_CONVERSATION_MESSAGES,
        resourceId: conversation.id,
        resourceCreatedAt: conversation.create_time,
        state: { buyer: conversationBuyer(conversation) },
        // On the first pass every cursor is new, hence due at once anyway.
        pollSoon: active && activeSince !== null,
      };
    });

    const done = !next || (reachedQuiet && !pass.fullPass);
    const state: ConversationsState = done
      ? {
          passStartedAt: null,
          lastPassStartedAt: pass.passStartedAt,
          lastFullPassAt: pass.fullPass ? pass.passStartedAt : saved.lastFullPassAt,
          fullPass: false,
        }
      : pass;
    return {
      events: [],
      pageCursor: done ? null : next,
      state,
      discovered,
      itemsGathered: 0,
      nextPollInMs: done ? CONVERSATION_LIST_INTERVAL_MS : 0,
    };
  },
};
