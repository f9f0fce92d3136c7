import { sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { databaseUrlFromEnv } from "../config.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { createLeasedQueue, type LeasedQueueSpec } from "./leased-queue.ts";

/** A queue table of the test's own, shaped like the reply outbox: a running state and a lease column. */
const jobs = pgTable("test_jobs", {
  id: text().primaryKey(),
  status: text().notNull().default("queued"),
  attempts: integer().notNull().default(0),
  runAt: timestamp({ withTimezone: true }).notNull(),
  leaseUntil: timestamp({ withTimezone: true }),
  lastError: text(),
  finishedAt: timestamp({ withTimezone: true }),
});

const T0 = new Date(Date.UTC(2026, 5, 1, 12, 0));
const SECOND = 1000;
let clock = T0;
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

const spec: LeasedQueueSpec<typeof jobs> = {
  table: jobs,
  id: jobs.id,
  order: jobs.runAt,
  status: { column: jobs.status, queued: "queued", running: "running", dead: "failed" },
  dueAt: jobs.runAt,
  leaseUntil: jobs.leaseUntil,
  leaseMs: 30 * SECOND,
  attempts: jobs.attempts,
  lastError: jobs.lastError,
  now: () => clock,
};

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql`create table test_jobs (
    id text primary key, status text not null default 'queued', attempts integer not null default 0,
    run_at timestamptz not null, lease_until timestamptz, last_error text, finished_at timestamptz)`);
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  clock = T0;
  await database.db.delete(jobs);
});

/** `count` jobs due by T0, a millisecond apart in the order of their ids. */
async function addJobs(count: number) {
  const ids = Array.from({ length: count }, (_, i) => `job-${String(i).padStart(3, "0")}`);
  await database.db.insert(jobs).values(ids.map((id, i) => ({ id, runAt: new Date(T0.getTime() - count + i) })));
  return ids;
}
const row = async (id: string) => (await database.db.select().from(jobs).where(sql`${jobs.id} = ${id}`))[0]!;

describe("leased queue", () => {
  it("claims due jobs oldest first with a lease, and takes a job again only once its lease lapsed", async () => {
    const queue = createLeasedQueue(spec);
    await addJobs(3);
    await database.db.insert(jobs).values({ id: "later", runAt: new Date(T0.getTime() + 60 * SECOND) });

    const first = await queue.claim(database.db, { limit: 2 });
    expect(first.map((j) => j.id).sort()).toEqual(["job-000", "job-001"]);
    expect(first.every((j) => j.status === "running" && j.attempts === 1)).toBe(true);
    expect(first[0]!.leaseUntil).toEqual(new Date(T0.getTime() + 30 * SECOND));

    // Held jobs and jobs not yet due stay where they are.
    expect((await queue.claim(database.db, { limit: 10 })).map((j) => j.id)).toEqual(["job-002"]);
    later(29 * SECOND);
    expect(await queue.claim(database.db, { limit: 10 })).toEqual([]);

    // The first worker died: its leases lapse and another worker takes the jobs, a second attempt.
    later(2 * SECOND);
    const taken = await queue.claim(database.db, { limit: 10 });
    expect(taken.map((j) => [j.id, j.attempts]).sort()).toEqual([["job-000", 2], ["job-001", 2], ["job-002", 2]]);
    // The dead worker's late word is not taken; the new holder's is.
    expect(await queue.settle(database.db, first[0]!, { status: "done" })).toBe(false);
    const now = taken.find((j) => j.id === "job-000")!;
    expect(await queue.settle(database.db, now, { status: "done" })).toBe(true);
    expect(await row("job-000")).toMatchObject({ status: "done", leaseUntil: null });
  });

  it("keeps a job whose worker beats its heartbeat, and tells a worker that lost its job", async () => {
    const queue = createLeasedQueue(spec);
    await addJobs(1);
    const [job] = await queue.claim(database.db, { limit: 1 });
    later(20 * SECOND);
    expect(await queue.heartbeat(database.db, job!)).toBe(true);
    later(20 * SECOND);
    expect(await queue.claim(database.db, { limit: 1 })).toEqual([]);
    later(11 * SECOND);
    const [again] = await queue.claim(database.db, { limit: 1 });
    expect(again?.attempts).toBe(2);
    expect(await queue.heartbeat(database.db, job!)).toBe(false);
  });

  it("retries a failed job after a backoff with jitter, then dead-letters it with the reason", async () => {
    const random = { next: 1 };
    const queue = createLeasedQueue({ ...spec, maxAttempts: 3, backoff: { baseMs: 10 * SECOND, maxMs: 15 * SECOND, random: () => random.next } });
    await addJobs(1);
    // Attempt n waits up to base·2^(n-1), capped: 10 s, then 15 s (not 20).
    for (const [attempt, ceiling] of [[1, 10 * SECOND], [2, 15 * SECOND]] as const) {
      const [job] = await queue.claim(database.db, { limit: 1 });
      expect(job?.attempts).toBe(attempt);
      expect(await queue.retry(database.db, job!, { reason: `boom ${attempt}` })).toBe("retried");
      expect(await row(job!.id)).toMatchObject({ status: "queued", lastError: `boom ${attempt}`, leaseUntil: null, runAt: new Date(clock.getTime() + ceiling) });
      later(ceiling - 1);
      expect(await queue.claim(database.db, { limit: 1 })).toEqual([]);
      later(1);
    }
    const [last] = await queue.claim(database.db, { limit: 1 });
    expect(await queue.retry(database.db, last!, { reason: "boom 3" })).toBe("dead");
    expect(await row(last!.id)).toMatchObject({ status: "failed", attempts: 3, lastError: "boom 3", leaseUntil: null });
    later(60 * 60 * SECOND);
    expect(await queue.claim(database.db, { limit: 1 })).toEqual([]);
  });

  it("spreads retries over the whole window, never past its ceiling", async () => {
    const queue = createLeasedQueue({ ...spec, backoff: { baseMs: 1000, maxMs: 60_000 } });
    const ids = await addJobs(40);
    const claimed = await queue.claim(database.db, { limit: 40 });
    for (const job of claimed) await queue.retry(database.db, job, { reason: "busy" });
    const delays = (await database.db.select().from(jobs)).map((j) => j.runAt.getTime() - clock.getTime());
    expect(delays).toHaveLength(ids.length);
    expect(delays.every((d) => d >= 0 && d <= 1000)).toBe(true);
    // Full jitter: not all at the same moment, which is the point of it.
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  it("takes a caller's delay over the backoff (a platform's Retry-After)", async () => {
    const queue = createLeasedQueue(spec);
    await addJobs(1);
    const [job] = await queue.claim(database.db, { limit: 1 });
    await queue.retry(database.db, job!, { reason: "throttled", delayMs: 5 * 60 * SECOND });
    expect((await row(job!.id)).runAt).toEqual(new Date(T0.getTime() + 5 * 60 * SECOND));
  });

  it("dead-letters a job whose workers kept dying instead of starting it once more", async () => {
    const queue = createLeasedQueue({ ...spec, maxAttempts: 2, abandonedReason: "The worker stopped before finishing, too many times.", onDead: (at) => ({ finishedAt: at }) });
    await addJobs(1);
    await queue.claim(database.db, { limit: 1 });
    later(31 * SECOND);
    expect((await queue.claim(database.db, { limit: 1 }))[0]?.attempts).toBe(2);
    later(31 * SECOND);
    expect(await queue.claim(database.db, { limit: 1 })).toEqual([]);
    expect(await row("job-000")).toMatchObject({
      status: "failed",
      attempts: 2,
      lastError: "The worker stopped before finishing, too many times.",
      leaseUntil: null,
      finishedAt: clock,
    });
  });

  it("requeues a given-up job from scratch", async () => {
    const queue = createLeasedQueue(spec);
    await addJobs(1);
    const [job] = await queue.claim(database.db, { limit: 1 });
    await queue.deadLetter(database.db, job!, "refused");
    expect(await row(job!.id)).toMatchObject({ status: "failed", lastError: "refused" });
    const dead = await row(job!.id);
    expect(await queue.requeue(database.db, dead, { at: new Date(T0.getTime() + SECOND) })).toBe(true);
    expect(await row(job!.id)).toMatchObject({ status: "queued", attempts: 0, lastError: null, runAt: new Date(T0.getTime() + SECOND) });
    later(SECOND);
    expect((await queue.claim(database.db, { limit: 1 }))[0]).toMatchObject({ id: job!.id, attempts: 1 });
  });

  it("leases in the due column itself when the table has no running state", async () => {
    const queue = createLeasedQueue({ ...spec, status: { column: jobs.status, queued: "queued", dead: "failed" }, leaseUntil: jobs.runAt });
    await addJobs(1);
    const [job] = await queue.claim(database.db, { limit: 1 });
    expect(job).toMatchObject({ status: "queued", attempts: 1, runAt: new Date(T0.getTime() + 30 * SECOND) });
    later(30 * SECOND);
    expect((await queue.claim(database.db, { limit: 1 }))[0]?.attempts).toBe(2);
    expect(await queue.settle(database.db, job!, { status: "done" })).toBe(false);
  });

  it("counts the jobs waiting or held, and tells when the soonest falls due", async () => {
    const queue = createLeasedQueue(spec);
    expect(await queue.pending(database.db)).toEqual({ count: 0, nextAt: null });
    await database.db.insert(jobs).values([
      { id: "waiting", runAt: new Date(T0.getTime() + 60 * SECOND) },
      { id: "held", runAt: T0 },
      { id: "done", status: "done", runAt: T0 },
    ]);
    const [held] = await queue.claim(database.db, { limit: 1 });
    expect(held!.id).toBe("held");
    // The held job's lease (30 s) ends before the waiting one is due (60 s); the finished one is not pending.
    expect(await queue.pending(database.db)).toEqual({ count: 2, nextAt: new Date(T0.getTime() + 30 * SECOND) });
  });

  it("never gives two claimers the same job", async () => {
    const queue = createLeasedQueue(spec);
    const ids = await addJobs(60);
    // On PostgreSQL these run on separate pooled connections at once; PGlite runs them one by one.
    const claims = await Promise.all(Array.from({ length: 6 }, () => queue.claim(database.db, { limit: 15 })));
    const taken = claims.flatMap((c) => c.map((j) => j.id));
    expect(taken.sort()).toEqual(ids);
  });

  it("leaves jobs due when the transaction that locked them rolls back", async () => {
    const queue = createLeasedQueue(spec);
    await addJobs(3);
    await expect(
      database.db.transaction(async (tx) => {
        const locked = await queue.lockDue(tx, { limit: 2 });
        expect(locked.map((j) => j.id)).toEqual(["job-000", "job-001"]);
        await tx.update(jobs).set({ status: "done" }).where(sql`${jobs.id} = ${locked[0]!.id}`);
        throw new Error("the process died mid-batch");
      }),
    ).rejects.toThrow("mid-batch");
    expect((await queue.claim(database.db, { limit: 10 })).map((j) => j.id).sort()).toEqual(["job-000", "job-001", "job-002"]);
  });

  // Two connections at once: PGlite has one, so this only runs on PostgreSQL.
  it.runIf(Boolean(databaseUrlFromEnv()))("skips the jobs another transaction has locked", async () => {
    const queue = createLeasedQueue(spec);
    await addJobs(4);
    await database.db.transaction(async (tx) => {
      const locked = await queue.lockDue(tx, { limit: 2 });
      const others = await queue.claim(database.db, { limit: 10 });
      expect(others.map((j) => j.id).sort()).toEqual(["job-002", "job-003"]);
      expect(locked.map((j) => j.id)).toEqual(["job-000", "job-001"]);
    });
  });
});
