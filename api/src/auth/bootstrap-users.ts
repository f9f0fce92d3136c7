import { and, eq } from "drizzle-orm";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { users } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";
import { hashPassword } from "./password.ts";
import type { UserRole } from "@surgedesk/shared";

/** The demo's documented logins (demo mode only; the README lists them). */
export const DEMO_USERS: { email: string; name: string; role: UserRole }[] = [
  { email: "admin@demo.surgedesk.test", name: "Avery Admin", role: "admin" },
  { email: "agent@demo.surgedesk.test", name: "Sam Agent", role: "agent" },
  { email: "viewer@demo.surgedesk.test", name: "Vic Viewer", role: "viewer" },
];
export const DEMO_PASSWORD = "surgedesk-demo";

async function upsertUser(db: Database, workspaceId: string, user: { email: string; name: string; role: UserRole; password: string }) {
  const passwordHash = await hashPassword(user.password);
  const [existing] = await db.select({ id: users.id }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.email, user.email))).limit(1);
  if (existing) {
    await db.update(users).set({ passwordHash, role: user.role, disabledAt: null }).where(eq(users.id, existing.id));
    return existing.id;
  }
  const id = newId("user");
  await db.insert(users).values({ id, workspaceId, email: user.email, name: user.name, role: user.role, passwordHash });
  return id;
}

/**
 * The first admin comes from ADMIN_EMAIL / ADMIN_PASSWORD on every start (so a lost password
 * can be reset by restarting with a new one); demo mode adds the documented demo logins.
 */
export async function bootstrapUsers(db: Database, config: Config, workspaceId: string) {
  if (config.admin) {
    await upsertUser(db, workspaceId, { ...config.admin, name: "Administrator", role: "admin" });
  }
  if (config.demo) {
    for (const user of DEMO_USERS) {
      const [existing] = await db.select({ id: users.id }).from(users).where(and(eq(users.workspaceId, workspaceId), eq(users.email, user.email))).limit(1);
      if (!existing) await upsertUser(db, workspaceId, { ...user, password: DEMO_PASSWORD });
    }
  }
}
