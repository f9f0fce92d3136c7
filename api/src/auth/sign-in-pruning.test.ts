import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { loginThrottles, sessions, users } from "../db/schema/index.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../lib/logger.ts";
import { newId } from "../lib/ids.ts";
import { createRuntime } from "../runtime.ts";
import { ensureWorkspace } from "../workspaces/ensure-workspace.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { testClassifier } from "@surgedesk/devkit/testing/test-classifier.ts";
import { pruneExpiredSignIns } from "./sign-in-pruning.ts";

let database: DatabaseHandle;
let userId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  const workspaceId = await ensureWorkspace(database.db, "Pruned brand");
  userId = newId("user");
  await database.db.insert(users).values({ id: userId, workspaceId, email: "pruned@brand.test", name: "Pruned", role: "agent" });
});
afterAll(async () => {
  await database?.close();
});

const MINUTE = 60_000;

async function seed(now: number) {
  await database.db.delete(sessions);
  await database.db.delete(loginThrottles);
  await database.db.insert(sessions).values([
    { tokenHash: "expired", userId, expiresAt: new Date(now - MINUTE) },
    { tokenHash: "live", userId, expiresAt: new Date(now + 60 * MINUTE) },
  ]);
  await database.db.insert(loginThrottles).values([
    { keyHash: "over", failures: 3, windowStartedAt: new Date(now - 16 * MINUTE) },
    { keyHash: "counting", failures: 3, windowStartedAt: new Date(now - 5 * MINUTE) },
  ]);
}
const remaining = async () => ({
  sessions: (await database.db.select({ key: sessions.tokenHash }).from(sessions)).map((r) => r.key),
  throttles: (await database.db.select({ key: loginThrottles.keyHash }).from(loginThrottles)).map((r) => r.key),
});

describe("pruning expired sign-ins", () => {
  it("deletes sessions past their expiry and counts whose window is over, and keeps the rest", async () => {
    const now = Date.now();
    await seed(now);
    expect(await pruneExpiredSignIns(database.db, new Date(now))).toEqual({ sessions: 1, throttles: 1 });
    expect(await remaining()).toEqual({ sessions: ["live"], throttles: ["counting"] });
  });

  it("runs in the background once the runtime's workers start", async () => {
    await seed(Date.now());
    const config = loadConfig({ DEMO: "false", LOG_LEVEL: "silent" });
    const { housekeeping, ingest, sync, live } = createRuntime({ config, database, logger: createLogger("silent"), classifier: testClassifier() });
    housekeeping.start();
    try {
      await expect.poll(remaining, { timeout: 20_000 }).toEqual({ sessions: ["live"], throttles: ["counting"] });
    } finally {
      await housekeeping.stop();
      await Promise.all([ingest.stop(), sync.stop(), live.stop()]);
    }
  });
});
