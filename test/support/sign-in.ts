import { asc } from "drizzle-orm";
import type { UserRole } from "@surgedesk/shared";
import { workspaces } from "../../api/src/db/schema/index.ts";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { createUserWithToken } from "@surgedesk/devkit/testing/test-users.ts";

/** Headers that sign a request in as a fresh user of the running product's workspace. */
export async function authHeaders(running: RunningSurgedesk, role: UserRole = "admin"): Promise<Record<string, string>> {
  const [workspace] = await running.database.db.select().from(workspaces).orderBy(asc(workspaces.createdAt)).limit(1);
  if (!workspace) throw new Error("the running product has no workspace");
  return { authorization: `Bearer ${await createUserWithToken(running.database, workspace.id, role)}` };
}
