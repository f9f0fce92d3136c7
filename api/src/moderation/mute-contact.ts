import { and, eq } from "drizzle-orm";
import type { ContactMute } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import { contacts } from "../db/schema/index.ts";
import { ApiError } from "../errors/api-error.ts";

/**
 * Mutes or unmutes an author: while muted, ingestion hides their new comments on arrival (the
 * rules engine's built-in first check). Their DMs still arrive: a private message harms nobody
 * else, and may be the buyer asking why. Audited; unmuting is the undo.
 */
export async function setContactMuted(db: Database, actor: Actor, contactId: string, muted: boolean): Promise<ContactMute> {
  return db.transaction(async (tx) => {
    const [was] = await tx
      .select({ mutedAt: contacts.mutedAt })
      .from(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, actor.workspaceId)))
      .for("update");
    if (!was) throw new ApiError("not_found", "No contact with that id in this workspace.");
    if (Boolean(was.mutedAt) === muted) return { contactId, muted, mutedAt: was.mutedAt?.toISOString() ?? null };
    const mutedAt = muted ? new Date() : null;
    await tx.update(contacts).set({ mutedAt }).where(eq(contacts.id, contactId));
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: muted ? "contact.mute" : "contact.unmute",
      entityType: "contact",
      entityId: contactId,
      before: { muted: !muted },
      after: { muted },
    });
    return { contactId, muted, mutedAt: mutedAt?.toISOString() ?? null };
  });
}

export async function readContactMuted(db: Database, workspaceId: string, contactId: string): Promise<ContactMute | null> {
  const [row] = await db.select({ mutedAt: contacts.mutedAt }).from(contacts).where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId)));
  return row ? { contactId, muted: row.mutedAt !== null, mutedAt: row.mutedAt?.toISOString() ?? null } : null;
}
