import { z } from "zod";
import { PlatformApiError, type PollOutcome, type ResourcePoller } from "../../connectors/contract.ts";
import { shopMessageSchema } from "./api-payloads.ts";
import { conversationPollIntervalMs } from "./conversation-poll-interval.ts";
import { messagePageEventBody } from "./message-page-event.ts";
import { TIKTOK_SHOP_CONVERSATION_MESSAGES } from "./resources.ts";
import { shopClientFor } from "./shop-client-for.ts";

/**
 * The newest messages of a pass: their time (ms) and the ids at that time. Times are whole
 * seconds, so several messages can share the newest one; the ids tell which were seen.
 */
const markSchema = z.object({ at: z.number().nonnegative(), ids: z.array(z.string()).max(1000) });
type Mark = z.infer<typeof markSchema>;

const stateSchema = z.object({
  /** Set by the conversations poller when it discovered the conversation. */
  buyer: z
    .object({ userId: z.string().nullable(), imUserId: z.string().nullable(), nickname: z.string().nullable() })
    .nullable()
    .catch(null)
    .default(null),
  /** Everything at or before this was gathered by a completed pass. */
  seen: markSchema.nullable().catch(null).default(null),
  /** The newest message of the pass in progress; becomes `seen` when the pass completes. */
  passTop: markSchema.nullable().catch(null).default(null),
});
type MessagesState = z.infer<typeof stateSchema>;

interface Stamp {
  id: string;
  at: number;
}

function newestOf(stamps: Stamp[]): Mark | null {
  if (stamps.length === 0) return null;
  const at = Math.max(...stamps.map((s) => s.at));
  return { at, ids: stamps.filter((s) => s.at === at).map((s) => s.id) };
}

function later(a: Mark | null, b: Mark | null): Mark | null {
  if (!a || !b) return a ?? b;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return { at: a.at, ids: [...new Set([...a.ids, ...b.ids])] };
}

/**
 * One conversation's messages, newest first, one page (10) per poll. A pass reads back from the
 * newest message until it reaches one a completed pass already gathered, so a quiet
 * conversation costs one request and a busy one only the pages that are new. Pages with new
 * messages are stored raw (format `tiktok_shop.message_page`); the paging token and the pass's
 * newest message are stored with them, in the same transaction, so a restart resumes the pass
 * where it stopped. What a restart reads twice is deduplicated by ingestion.
 */
export const tiktokShopConversationMessagesPoller: ResourcePoller = {
  resource: TIKTOK_SHOP_CONVERSATION_MESSAGES,
  channel: "tiktok_shop",
  async poll(context): Promise<PollOutcome> {
    const { cursor, account, now } = context;
    const conversationId = cursor.resourceId;
    const client = shopClientFor(context);
    const state = stateSchema.parse(cursor.state ?? {});

    let response;
    try {
      response = await client.listMessages(conversationId, { pageToken: cursor.pageCursor });
    } catch (error) {
      // A page token can go stale while a pass waits: start the pass over rather than retrying
      // a refused token forever. `seen` is untouched, so the new pass still stops in time.
      if (error instanceof PlatformApiError && error.kind === "rejected" && cursor.pageCursor) {
        return { events: [], pageCursor: null, state: { ...state, passTop: null }, itemsGathered: 0, nextPollInMs: 0 };
      }
      throw error;
    }
    const { messages, next_page_token: next } = response.page;

    const stamps: Stamp[] = [];
    for (const item of messages) {
      const parsed = shopMessageSchema.safeParse(item);
      if (parsed.success) stamps.push({ id: parsed.data.id, at: parsed.data.create_time.getTime() });
    }
    const { seen } = state;
    const isSeen = (s: Stamp) => seen !== null && (s.at < seen.at || (s.at === seen.at && seen.ids.includes(s.id)));
    const fresh = stamps.filter((s) => !isSeen(s));
    // Older than the mark means everything after it on later pages was gathered too.
    const reachedSeen = seen !== null && stamps.length > 0 && (fresh.length === 0 || stamps.some((s) => s.at < seen.at));
    const passTop = cursor.pageCursor === null ? newestOf(stamps) : state.passTop;
    const done = !next || reachedSeen;

    // A page with nothing new is not stored: a quiet conversation adds no rows at each look.
    const events =
      fresh.length > 0
        ? [
            {
              format: "tiktok_shop.message_page" as const,
              body: messagePageEventBody({ shopId: account.externalAccountId, conversationId, buyer: state.buyer }, response.raw),
            },
          ]
        : [];

    if (!done) {
      const inPass: MessagesState = { ...state, passTop };
      return { events, pageCursor: next, state: inPass, itemsGathered: fresh.length, nextPollInMs: 0 };
    }
    const newest = later(seen, passTop);
    const completed: MessagesState = { ...state, seen: newest, passTop: null };
    const lastMessageAt = newest ? new Date(newest.at) : null;
    return {
      events,
      pageCursor: null,
      state: completed,
      ...(newest && { newestSeenId: newest.ids[0] ?? null, newestSeenAt: lastMessageAt }),
      itemsGathered: fresh.length,
      nextPollInMs: conversationPollIntervalMs(lastMessageAt, now),
    };
  },
};
