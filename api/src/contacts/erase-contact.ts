import { and, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { ContactErasure } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import {
  bulkActionItems,
  contactOrderLinks,
  orderChecks,
  contacts,
  inboundEvents,
  labelCorrections,
  messageFirstResponses, moderationOutcomes,
  messages,
  notes,
  orderActions,
  replyOutbox,
} from "../db/schema/index.ts";
import { recordAudit } from "../audit/record-audit.ts";

/**
 * Erases one buyer's personal data in one transaction: their messages (linked to the contact, or
 * written by their platform id), the orders linked to them, every row that depends on those messages (agents' label
 * corrections with the text, bulk-change undo records, queued and sent replies, first-response
 * times, the team's notes; order actions stay, detached), the raw deliveries that carried them, and the contact itself. Spike metrics keep their
 * counts, which name no one. The audit entry records counts only. Null when the workspace has
 * no such contact.
 */
export async function eraseContact(
  db: Database,
  { contactId, workspaceId, actorUserId }: { contactId: string; workspaceId: string; actorUserId: string },
): Promise<ContactErasure | null> {
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ id: contacts.id, platform: contacts.platform, externalUserId: contacts.externalUserId })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId)))
      .for("update");
    if (!contact) return null;

    const theirs = await tx
      .select({ id: messages.id, inboundEventId: messages.inboundEventId })
      .from(messages)
      .where(
        and(
          eq(messages.workspaceId, workspaceId),
          or(
            eq(messages.contactId, contact.id),
            and(eq(messages.platform, contact.platform), eq(messages.authorExternalId, contact.externalUserId)),
          ),
        ),
      )
      .for("update");
    const messageIds = theirs.map((m) => m.id);
    const eventIds = [...new Set(theirs.flatMap((m) => (m.inboundEventId === null ? [] : [m.inboundEventId])))];

    if (messageIds.length > 0) {
      await tx.delete(labelCorrections).where(inArray(labelCorrections.messageId, messageIds));
      await tx.delete(bulkActionItems).where(inArray(bulkActionItems.messageId, messageIds));
      await tx.delete(replyOutbox).where(inArray(replyOutbox.messageId, messageIds));
      await tx.delete(messageFirstResponses).where(inArray(messageFirstResponses.messageId, messageIds));
      await tx.delete(moderationOutcomes).where(inArray(moderationOutcomes.messageId, messageIds));
      await tx.delete(orderChecks).where(inArray(orderChecks.messageId, messageIds));
      // The team's notes quote the buyer; an order action is the shop's record of money moved,
      // kept without the message it was asked from.
      await tx.delete(notes).where(inArray(notes.messageId, messageIds));
      await tx.update(orderActions).set({ messageId: null }).where(inArray(orderActions.messageId, messageIds));
      await tx.delete(messages).where(inArray(messages.id, messageIds));
    }
    if (eventIds.length > 0) {
      // A raw delivery can carry other people's messages too (a polled page): they stay, unlinked.
      await tx
        .update(messages)
        .set({ inboundEventId: null })
        .where(and(isNotNull(messages.inboundEventId), inArray(messages.inboundEventId, eventIds)));
      await tx.delete(inboundEvents).where(inArray(inboundEvents.id, eventIds));
    }
    // The orders found for them name them too (email, phone, address of a parcel).
    await tx.delete(contactOrderLinks).where(and(eq(contactOrderLinks.workspaceId, workspaceId), eq(contactOrderLinks.contactId, contact.id)));
    await tx.delete(contacts).where(eq(contacts.id, contact.id));

    const erased: ContactErasure = { erased: true, messages: messageIds.length, rawEvents: eventIds.length };
    await recordAudit(tx, {
      workspaceId,
      actorUserId,
      action: "contact.erase",
      entityType: "contact",
      entityId: contact.id,
      // Counts and the platform only: the handle, the platform id and the text are what was erased.
      before: { platform: contact.platform, messages: erased.messages, rawEvents: erased.rawEvents },
      after: null,
    });
    return erased;
  });
}
