import { and, eq, gt } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { connectedAccounts, syncCursors } from "../../db/schema/index.ts";
import { TIKTOK_SHOP_CONVERSATION_MESSAGES, TIKTOK_SHOP_CONVERSATIONS } from "./resources.ts";

/** The connected TikTok Shop account a webhook's `shop_id` names, if any. */
export async function findShopAccountId(db: Database, shopId: string): Promise<string | null> {
  const [account] = await db
    .select({ id: connectedAccounts.id })
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.channel, "tiktok_shop"), eq(connectedAccounts.externalAccountId, shopId)))
    .limit(1);
  return account?.id ?? null;
}

async function bringForward(db: Database, accountId: string, resource: string, resourceId: string, now: Date) {
  const rows = await db
    .update(syncCursors)
    .set({ nextPollAt: now })
    .where(
      and(
        eq(syncCursors.accountId, accountId),
        eq(syncCursors.resource, resource),
        eq(syncCursors.resourceId, resourceId),
        gt(syncCursors.nextPollAt, now),
      ),
    )
    .returning({ id: syncCursors.id });
  return rows.length > 0;
}

/**
 * What a webhook does to get its conversation gathered: the conversation's cursor is made due
 * now; a conversation not known yet makes the conversation list due instead, whose next page
 * discovers it (with its buyer) and reads it at once. A cursor that is already due is left as
 * it is. A cursor being polled right now is brought forward too, which at worst reads a page
 * twice; if that poll finishes after this and reschedules, the conversation list still sees the
 * new activity within its interval.
 */
export async function pollConversationSoon(
  db: Database,
  accountId: string,
  conversationId: string | null,
  now: Date,
): Promise<"conversation" | "conversations" | "already_due"> {
  if (conversationId) {
    const [known] = await db
      .select({ id: syncCursors.id })
      .from(syncCursors)
      .where(
        and(
          eq(syncCursors.accountId, accountId),
          eq(syncCursors.resource, TIKTOK_SHOP_CONVERSATION_MESSAGES),
          eq(syncCursors.resourceId, conversationId),
        ),
      )
      .limit(1);
    if (known) {
      return (await bringForward(db, accountId, TIKTOK_SHOP_CONVERSATION_MESSAGES, conversationId, now)) ? "conversation" : "already_due";
    }
  }
  return (await bringForward(db, accountId, TIKTOK_SHOP_CONVERSATIONS, "", now)) ? "conversations" : "already_due";
}
