import { and, asc, count, eq, sql } from "drizzle-orm";
import { TAGS_PER_WORKSPACE_MAX, type Tag, type TagCreate, type TagPatch } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import { itemTags, tags } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";

type TagRow = typeof tags.$inferSelect;

const toTag = (row: TagRow, itemCount: number): Tag => ({
  id: row.id,
  name: row.name,
  colour: row.colour,
  itemCount,
  createdAt: row.createdAt.toISOString(),
});

const nameTaken = (name: string) => new ApiError("conflict", `There is already a tag named "${name}".`);
export const tagNotFound = () => new ApiError("not_found", "No tag with that id.");

/** The workspace's tags by name, each with how many items carry it. */
export async function listTags(db: Database, workspaceId: string): Promise<Tag[]> {
  const rows = await db
    .select({ tag: tags, itemCount: sql<number>`(select count(*)::int from ${itemTags} where ${itemTags.tagId} = ${tags.id})` })
    .from(tags)
    .where(eq(tags.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${tags.name})`));
  return rows.map((row) => toTag(row.tag, Number(row.itemCount)));
}

/** One of the workspace's tags, or null: an id from another workspace reads as unknown. */
export async function findTag(db: Executor, workspaceId: string, id: string): Promise<TagRow | null> {
  const [row] = await db
    .select()
    .from(tags)
    .where(and(eq(tags.id, id), eq(tags.workspaceId, workspaceId)));
  return row ?? null;
}

export async function createTag(db: Database, actor: Actor, input: TagCreate): Promise<Tag> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(tags).where(eq(tags.workspaceId, actor.workspaceId));
    if ((existing?.n ?? 0) >= TAGS_PER_WORKSPACE_MAX) {
      throw new ApiError("validation_failed", `A workspace keeps at most ${TAGS_PER_WORKSPACE_MAX} tags; delete one first.`);
    }
    // The unique index on (workspace, lower(name)) decides a race between two agents.
    const [row] = await tx
      .insert(tags)
      .values({ id: newId("tag"), workspaceId: actor.workspaceId, name: input.name, colour: input.colour })
      .onConflictDoNothing()
      .returning();
    if (!row) throw nameTaken(input.name);
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "tag.create",
      entityType: "tag",
      entityId: row.id,
      before: null,
      after: { name: row.name, colour: row.colour },
    });
    return toTag(row, 0);
  });
}

/** Renames or recolours a tag; answers it and the items that carry it (they show it by name). */
export async function updateTag(db: Database, actor: Actor, id: string, patch: TagPatch): Promise<{ tag: Tag; carriers: string[] }> {
  return db.transaction(async (tx) => {
    const current = await findTag(tx, actor.workspaceId, id);
    if (!current) throw tagNotFound();
    if (patch.name !== undefined && patch.name.toLowerCase() !== current.name.toLowerCase()) {
      const [clash] = await tx
        .select({ id: tags.id })
        .from(tags)
        .where(and(eq(tags.workspaceId, actor.workspaceId), sql`lower(${tags.name}) = lower(${patch.name})`));
      if (clash) throw nameTaken(patch.name);
    }
    const [row] = await tx
      .update(tags)
      .set({ ...(patch.name !== undefined && { name: patch.name }), ...(patch.colour !== undefined && { colour: patch.colour }) })
      .where(eq(tags.id, id))
      .returning();
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "tag.update",
      entityType: "tag",
      entityId: id,
      before: { name: current.name, colour: current.colour },
      after: { name: row!.name, colour: row!.colour },
    });
    const carriers = (await tx.select({ id: itemTags.messageId }).from(itemTags).where(eq(itemTags.tagId, id))).map((r) => r.id);
    return { tag: toTag(row!, carriers.length), carriers };
  });
}

/** Deletes the tag and takes it off every item (the join rows cascade); answers the items it was on. */
export async function deleteTag(db: Database, actor: Actor, id: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const current = await findTag(tx, actor.workspaceId, id);
    if (!current) throw tagNotFound();
    const carriers = await tx.select({ id: itemTags.messageId }).from(itemTags).where(eq(itemTags.tagId, id));
    await tx.delete(tags).where(eq(tags.id, id));
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "tag.delete",
      entityType: "tag",
      entityId: id,
      before: { name: current.name, colour: current.colour, itemCount: carriers.length },
      after: null,
    });
    return carriers.map((row) => row.id);
  });
}
