import { and, desc, eq, ne, or } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import type { OrderKey } from "../connectors/order-source.ts";
import { orderKeysOf } from "./order-keys.ts";

/**
 * What the same buyer quoted elsewhere: the order numbers, ids, tracking numbers, emails and
 * phones in their other messages (the contact's, and a DM conversation's), newest first. A
 * buyer who gave the order number in their first DM should not be asked for it again in the next.
 */
export async function buyerKeysOf(
  db: Database,
  message: { id: string; workspaceId: string; contactId: string | null; threadKey: string; kind: string },
): Promise<OrderKey[]> {
  // A comment thread holds other people's replies: only a conversation is the buyer's own.
  const sameThread = message.kind === "dm" ? eq(messages.threadKey, message.threadKey) : null;
  const sameContact = message.contactId ? eq(messages.contactId, message.contactId) : null;
  const theirs = sameThread && sameContact ? or(sameThread, sameContact) : (sameThread ?? sameContact);
  if (!theirs) return [];
  const rows = await db
    .select({ classification: messages.classification })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, message.workspaceId),
        eq(messages.direction, "inbound"),
        ne(messages.id, message.id),
        theirs,
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(30);
  return orderKeysOf({
    orderNumbers: rows.flatMap((r) => r.classification?.entities.orderNumbers ?? []),
    tiktokOrderIds: rows.flatMap((r) => r.classification?.entities.tiktokOrderIds ?? []),
    trackingNumbers: rows.flatMap((r) => r.classification?.entities.trackingNumbers ?? []),
    emails: rows.flatMap((r) => r.classification?.entities.emails ?? []),
    phones: rows.flatMap((r) => r.classification?.entities.phones ?? []),
    promoCodes: [],
    urls: [],
  });
}
