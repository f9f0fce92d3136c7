import { request } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MessagePage } from "@surgedesk/shared";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { TEST_INSTAGRAM_SECRET } from "@surgedesk/devkit/testing/test-app.ts";
import { startSourceServer, type SourceServer } from "./support/source-server.ts";
import { isPostgresPass } from "./support/postgres-pass.ts";

/**
 * SIGTERM on the running server, as an orchestrator sends it: it stops accepting, ends the live
 * streams, lets the work in flight finish and exits 0, and nothing it acknowledged is lost or
 * stored twice. Runs on PGlite in a DATA_DIR of its own (a spawned process, whatever DATABASE_URL).
 */
const COMMENTS_PER_DELIVERY = 20;
const ADMIN = { email: "ops@brand.test", password: "a-long-admin-password" };
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "surgedesk-shutdown-"));
  dirs.push(dir);
  return join(dir, "data");
}

const serverEnv = (dataDir: string, extra: Record<string, string> = {}) => ({
  DATA_DIR: dataDir,
  DEMO: "false",
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  INSTAGRAM_APP_SECRET: TEST_INSTAGRAM_SECRET,
  ...extra,
});

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

/** One signed delivery carrying `count` comments, as Meta batches them: cheap to accept, costlier to ingest. */
function batchedDelivery(count: number): { commentIds: string[]; body: string } {
  const deliveries = Array.from({ length: count }, () => instagramCommentDelivery({ text: "where is my order, it has been two weeks" }));
  const parsed = deliveries.map((d) => JSON.parse(d.body) as { entry: { changes: unknown[] }[] });
  const merged = parsed[0]!;
  merged.entry[0]!.changes = parsed.flatMap((p) => p.entry[0]!.changes);
  return { commentIds: deliveries.map((d) => d.commentId), body: JSON.stringify(merged) };
}

/** The whole body of a streamed response, once the server has ended it. */
async function readToEnd(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}

/** A delivery whose body never finishes arriving: a request in flight for as long as the test wants. */
function hangingDelivery(url: string): void {
  const { port } = new URL(url);
  const req = request({ host: "127.0.0.1", port, path: "/webhooks/instagram", method: "POST", headers: { "content-type": "application/json", "content-length": "1000" } });
  req.on("error", () => undefined);
  req.write('{"object":"instagram",');
}

async function stopped(server: SourceServer): Promise<number | null> {
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
  return server.exited;
}

// PGlite whatever DATABASE_URL says: run once, in the PGlite pass.
describe.skipIf(isPostgresPass)("SIGTERM", () => {
  it("drains: the live stream is told to reconnect and ends, the process exits 0, and every acknowledged delivery is stored exactly once", async () => {
    const dataDir = freshDataDir();
    const first = await startSourceServer(serverEnv(dataDir));
    const acknowledged: string[] = [];
    let streamText: Promise<string>;
    try {
      const cookie = await signIn(first.url);
      const stream = await fetch(`${first.url}/api/live/stream`, { headers: { cookie } });
      expect(stream.status).toBe(200);
      streamText = readToEnd(stream);

      // Deliveries keep arriving, 16 at a time, until the server stops answering: some are
      // acknowledged but still pending in the ingest queue when the signal comes.
      let signalled = false;
      const deliver = async () => {
        for (;;) {
          const { commentIds, body } = batchedDelivery(COMMENTS_PER_DELIVERY);
          try {
            const res = await fetch(`${first.url}/webhooks/instagram`, signedInstagramPost(body));
            if (res.status === 200) acknowledged.push(...commentIds);
            await res.arrayBuffer();
          } catch {
            return; // refused or cut off: the server has stopped accepting
          }
          if (signalled && first.child.exitCode !== null) return;
          if (!signalled && acknowledged.length >= 100 * COMMENTS_PER_DELIVERY) {
            signalled = true;
            first.child.kill("SIGTERM");
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, deliver));
      expect(await first.exited).toBe(0);
    } finally {
      await stopped(first);
    }
    expect(first.stdout()).toMatch(/SIGTERM received, stopping/);
    // Deliveries in flight at the signal were stored after the worker took its last batch: left
    // pending for the next start, which must ingest them.
    const left = Number(/stopped; (\d+) accepted deliveries left for the next start/.exec(first.stdout())?.[1]);
    expect(left).toBeGreaterThan(0);
    const text = await streamText!;
    expect(text).toMatch(/event: ready/);
    expect(text).toMatch(/event: reconnect\ndata: \{\}\nretry: \d+/);

    const second = await startSourceServer(serverEnv(dataDir));
    try {
      const cookie = await signIn(second.url);
      await expect
        .poll(
          async () => ((await (await fetch(`${second.url}/api/ingest/status`, { headers: { cookie } })).json()) as { pendingEvents: number }).pendingEvents,
          { timeout: 60_000, interval: 250 },
        )
        .toBe(0);
      const stored: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (await (
          await fetch(`${second.url}/api/messages?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { headers: { cookie } })
        ).json()) as MessagePage;
        stored.push(...page.items.map((m) => m.externalId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(acknowledged.length).toBeGreaterThanOrEqual(100 * COMMENTS_PER_DELIVERY);
      const counts = new Map<string, number>();
      for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1);
      expect(acknowledged.filter((id) => counts.get(id) !== 1)).toEqual([]);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    } finally {
      await stopped(second);
    }
  }, 240_000);

  it("refuses new connections while it waits for a request in flight, and exits at once, non-zero, on a second signal", async () => {
    const server = await startSourceServer(serverEnv(freshDataDir(), { SHUTDOWN_TIMEOUT_S: "600" }));
    try {
      hangingDelivery(server.url);
      // The request has reached the server once the server counts its connection.
      await expect.poll(() => fetch(`${server.url}/health`).then((r) => r.status), { timeout: 10_000 }).toBe(200);
      server.child.kill("SIGTERM");
      await server.printed(/SIGTERM received, stopping/);
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(143);
      expect(server.stderr()).toMatch(/SIGTERM received again: exiting now/);
    } finally {
      await stopped(server);
    }
  }, 120_000);

  it("gives up after SHUTDOWN_TIMEOUT_S with exit code 1", async () => {
    const server = await startSourceServer(serverEnv(freshDataDir(), { SHUTDOWN_TIMEOUT_S: "1" }));
    try {
      hangingDelivery(server.url);
      await expect.poll(() => fetch(`${server.url}/health`).then((r) => r.status), { timeout: 10_000 }).toBe(200);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(1);
      expect(server.stderr()).toMatch(/Not stopped after 1 s \(SHUTDOWN_TIMEOUT_S\)/);
    } finally {
      await stopped(server);
    }
  }, 120_000);
});
