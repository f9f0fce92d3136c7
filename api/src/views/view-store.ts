import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { SAVED_VIEWS_PER_USER_MAX, type SavedView, type SavedViewCreate, type SavedViewFilter, type SavedViewPatch } from "@surgedesk/shared";
import type { Actor } from "../auth/actor.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Database } from "../db/client.ts";
import { savedViews, users } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { ApiError } from "../errors/api-error.ts";
import { newId } from "../lib/ids.ts";
import { findTag } from "../tags/tag-store.ts";

type ViewRow = typeof savedViews.$inferSelect;

const notFound = () => new ApiError("not_found", "No saved view with that id.");

/** A personal view is its owner's alone; a shared one is the admins' to change. */
const canEdit = (row: ViewRow, actor: Actor) => (row.ownerUserId === null ? actor.role === "admin" : row.ownerUserId === actor.userId);

const toView = (row: ViewRow, createdByName: string | null, actor: Actor): SavedView => ({
  id: row.id,
  name: row.name,
  scope: row.ownerUserId === null ? "shared" : "personal",
  filter: row.filter,
  createdByName,
  editable: canEdit(row, actor),
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** What the actor sees: the workspace's shared views, then their own, each by name. */
export async function listViews(db: Executor, actor: Actor): Promise<SavedView[]> {
  const rows = await db
    .select({ view: savedViews, createdByName: users.name })
    .from(savedViews)
    .leftJoin(users, eq(users.id, savedViews.createdByUserId))
    .where(and(eq(savedViews.workspaceId, actor.workspaceId), or(isNull(savedViews.ownerUserId), eq(savedViews.ownerUserId, actor.userId))))
    .orderBy(sql`${savedViews.ownerUserId} is not null`, asc(sql`lower(${savedViews.name})`), asc(savedViews.id));
  return rows.map((row) => toView(row.view, row.createdByName, actor));
}

/** A filter names a tag of this workspace, or none: a view is refused rather than saved empty forever. */
async function checkFilter(db: Executor, actor: Actor, filter: SavedViewFilter) {
  if (filter.tag && !(await findTag(db, actor.workspaceId, filter.tag))) {
    throw new ApiError("validation_failed", "The view's tag is not one of this workspace's tags.");
  }
}

async function findVisible(db: Executor, actor: Actor, id: string): Promise<ViewRow> {
  const [row] = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.workspaceId, actor.workspaceId), or(isNull(savedViews.ownerUserId), eq(savedViews.ownerUserId, actor.userId))));
  if (!row) throw notFound();
  if (!canEdit(row, actor)) throw new ApiError("forbidden", "Only admins change shared views.");
  return row;
}

const audit = (tx: Executor, actor: Actor, action: string, id: string, before: unknown, after: unknown) =>
  recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action, entityType: "saved_view", entityId: id, before, after });

export async function createView(db: Database, actor: Actor, input: SavedViewCreate): Promise<SavedView> {
  if (input.scope === "shared" && actor.role !== "admin") throw new ApiError("forbidden", "Only admins share views with the workspace; save it as personal.");
  return db.transaction(async (tx) => {
    await checkFilter(tx, actor, input.filter);
    const owner = input.scope === "shared" ? null : actor.userId;
    const [mine] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(savedViews)
      .where(and(eq(savedViews.workspaceId, actor.workspaceId), owner ? eq(savedViews.ownerUserId, owner) : isNull(savedViews.ownerUserId)));
    if (Number(mine?.n ?? 0) >= SAVED_VIEWS_PER_USER_MAX) {
      throw new ApiError("validation_failed", `At most ${SAVED_VIEWS_PER_USER_MAX} ${owner ? "personal" : "shared"} views; delete one first.`);
    }
    const [row] = await tx
      .insert(savedViews)
      .values({ id: newId("view"), workspaceId: actor.workspaceId, ownerUserId: owner, createdByUserId: actor.userId, name: input.name, filter: input.filter })
      .returning();
    await audit(tx, actor, "view.create", row!.id, null, { name: row!.name, scope: input.scope, filter: row!.filter });
    return toView(row!, actor.name, actor);
  });
}

export async function updateView(db: Database, actor: Actor, id: string, patch: SavedViewPatch): Promise<SavedView> {
  return db.transaction(async (tx) => {
    const current = await findVisible(tx, actor, id);
    if (patch.filter) await checkFilter(tx, actor, patch.filter);
    const [row] = await tx
      .update(savedViews)
      .set({ ...(patch.name !== undefined && { name: patch.name }), ...(patch.filter !== undefined && { filter: patch.filter }), updatedAt: new Date() })
      .where(eq(savedViews.id, id))
      .returning();
    await audit(tx, actor, "view.update", id, { name: current.name, filter: current.filter }, { name: row!.name, filter: row!.filter });
    const [creator] = row!.createdByUserId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, row!.createdByUserId)) : [];
    return toView(row!, creator?.name ?? null, actor);
  });
}

export async function deleteView(db: Database, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await findVisible(tx, actor, id);
    await tx.delete(savedViews).where(eq(savedViews.id, id));
    await audit(tx, actor, "view.delete", id, { name: current.name, scope: current.ownerUserId ? "personal" : "shared", filter: current.filter }, null);
  });
}
