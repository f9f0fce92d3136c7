import { asc } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { workspaces } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";

/** The first start creates the brand's workspace; later starts find it. Returns its id. */
export async function ensureWorkspace(db: Database, name: string): Promise<string> {
  const [existing] = await db.select({ id: workspaces.id }).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
  if (existing) return existing.id;
  const id = newId("ws");
  await db.insert(workspaces).values({ id, name });
  return id;
}
