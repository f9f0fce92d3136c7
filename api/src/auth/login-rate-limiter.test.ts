import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../db/client.ts";
import { loginThrottles } from "../db/schema/index.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { createLoginRateLimiter } from "./login-rate-limiter.ts";

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 9, 0) + minutes * MINUTE);

describe("login rate limiter (in the database)", () => {
  it("counts attempts from every replica together, refuses until the window ends, then starts afresh", async () => {
    // Two processes of one deployment, each with its own limiter on the same database.
    const replicaA = createLoginRateLimiter(database.db, { scope: "t1", maxFailures: 5, windowMs: 15 * MINUTE });
    const replicaB = createLoginRateLimiter(database.db, { scope: "t1", maxFailures: 5, windowMs: 15 * MINUTE });
    const key = "maya@brand.test|203.0.113.7";
    for (let i = 0; i < 5; i++) expect(await (i % 2 ? replicaA : replicaB).attempt(key, at(i))).toBe(0);
    // The sixth attempt in the window opened at minute 0 waits until minute 15, on either replica.
    expect(await replicaA.attempt(key, at(5))).toBe(10 * MINUTE);
    expect(await replicaB.attempt(key, at(14))).toBe(MINUTE);
    // After the window, a new one opens, counted from 1.
    expect(await replicaB.attempt(key, at(16))).toBe(0);
    const rows = await database.db.select().from(loginThrottles);
    expect(rows.find((r) => r.windowStartedAt.getTime() === at(16).getTime())?.failures).toBe(1);
  });

  it("lets at most the limit through when 25 guesses arrive at once", async () => {
    const limiter = createLoginRateLimiter(database.db, { scope: "t-parallel", maxFailures: 5 });
    const waits = await Promise.all(Array.from({ length: 25 }, () => limiter.attempt("target@brand.test", at(0))));
    expect(waits.filter((ms) => ms === 0)).toHaveLength(5);
  });

  it("keeps scopes apart, forgets a key on success, and stores no email or address", async () => {
    const perEmail = createLoginRateLimiter(database.db, { scope: "t2-email", maxFailures: 2 });
    const perClient = createLoginRateLimiter(database.db, { scope: "t2-client", maxFailures: 2 });
    await perEmail.attempt("leo@brand.test", at(0));
    await perEmail.attempt("leo@brand.test", at(1));
    expect(await perEmail.attempt("leo@brand.test", at(2))).toBeGreaterThan(0);
    expect(await perClient.attempt("leo@brand.test", at(2))).toBe(0);
    const stored = JSON.stringify(await database.db.select().from(loginThrottles));
    expect(stored).not.toContain("leo@brand.test");
    expect(stored).not.toContain("203.0.113.7");
    await perEmail.reset("leo@brand.test");
    expect(await perEmail.attempt("leo@brand.test", at(2))).toBe(0);
  });

  it("deletes windows long over as new attempts come in", async () => {
    const limiter = createLoginRateLimiter(database.db, { scope: "t3", maxFailures: 5, windowMs: 15 * MINUTE });
    await limiter.attempt("old@brand.test", at(0));
    await limiter.attempt("new@brand.test", at(60));
    const rows = await database.db.select().from(loginThrottles);
    expect(rows.some((r) => r.windowStartedAt.getTime() === at(0).getTime())).toBe(false);
    expect(rows.some((r) => r.windowStartedAt.getTime() === at(60).getTime())).toBe(true);
  });
});
