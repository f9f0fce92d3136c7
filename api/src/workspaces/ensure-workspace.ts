import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { workspaces } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";
import { seedDefaultRules } from "../moderation/default-rules.ts";

/**
 * The first start creates the brand's workspace; later starts find it. Returns its id. A
 * workspace demo mode creates is flagged as the demo's, so demo mode can tell a real one apart.
 * A new workspace starts with the default moderation rules, in dry run.
 */
export async function ensureWorkspace(db: Database, name: string, { demo = false }: { demo?: boolean } = {}): Promise<string> {
  const [existing] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
  if (existing) return existing.id;
  const id = newId("ws");
  await db.transaction(async (tx) => {
    await tx.insert(workspaces).values({ id, name, demo });
    await seedDefaultRules(tx, id);
  });
  return id;
}

/** The first workspace demo mode did not create, if the database holds one. */
export async function findRealWorkspace(db: Database): Promise<{ name: string } | null> {
  const [real] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.demo, false)).orderBy(asc(workspaces.createdAt)).limit(1);
  return real ?? null;
}
