import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { IngestStatus } from "@surgedesk/shared";
import { auditEvents, connectedAccounts, inboundEvents, messages } from "../db/schema/index.ts";
import { createTestApp, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { createWorkspaceWithAccount } from "@surgedesk/devkit/testing/seed-workspace.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { newId } from "../lib/ids.ts";
import { signTikTokPayload, TIKTOK_SIGNATURE_HEADER } from "../platforms/tiktok/signature.ts";

const BRAND_ACCOUNT = "17841400000000001";

let t: TestApp;
let accountId: string;
/** What the app logs (JSON lines on stderr), kept for the assertions and out of the test output. */
const logged: string[] = [];
beforeAll(async () => {
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    logged.push(String(chunk));
    return true;
  });
  t = await createTestApp({ logLevel: "warn" });
  accountId = newId("acct");
  await t.database.db
    .insert(connectedAccounts)
    .values({ id: accountId, workspaceId: t.workspaceId, platform: "instagram", channel: "instagram", externalAccountId: BRAND_ACCOUNT });
  // The database fails these messages' inserts: one as a busy server would (serialization
  // failure: try again), one as bad data would (datetime overflow, quoting the text: never again).
  await t.database.db.execute(
    sql.raw(`create function refuse_marked_messages() returns trigger language plpgsql as $$
      begin
        if new.text like '%TRANSIENT-FAILURE%' then raise exception 'try again' using errcode = '40001'; end if;
        if new.text like '%PERMANENT-FAILURE%' then raise exception 'bad value: %', new.text using errcode = '22008'; end if;
        return new;
      end $$`),
  );
  await t.database.db.execute(sql.raw(`create trigger refuse_marked_messages before insert on messages for each row execute function refuse_marked_messages()`));
}, 120_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
});

const eventOf = async (id: number) => (await t.database.db.select().from(inboundEvents).where(eq(inboundEvents.id, id)))[0]!;
async function deliver(text: string): Promise<number> {
  const res = await t.app.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ text }).body));
  expect(res.status).toBe(200);
  return ((await res.json()) as { eventId: number }).eventId;
}
const status = async (token?: string) =>
  (await (await t.app.request("/api/ingest/status", token ? { headers: { authorization: `Bearer ${token}` } } : {})).json()) as IngestStatus;
const retry = (id: number | string, token?: string) =>
  t.app.request(`/api/ingest/failed/${id}/retry`, { method: "POST", ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });

describe("ingest failures: transient ones retried, permanent ones given up and re-queued by an admin", () => {
  let ok: number;
  let transient: number;
  let permanent: number;

  it("retries a transient failure later with backoff and gives up a permanent one with a reason free of customer text", async () => {
    ok = await deliver("where is my order?");
    transient = await deliver("TRANSIENT-FAILURE where is my parcel");
    permanent = await deliver("PERMANENT-FAILURE my address is 1 Secret Lane");
    await t.ingest.drain();
    // The worker says what failed and why, by event id and SQLSTATE, never with the text.
    expect(logged.join("")).toContain(`"eventId":${permanent}`);
    expect(logged.join("")).toContain("22008");
    expect(logged.join("")).not.toContain("Secret Lane");

    expect(await eventOf(ok)).toMatchObject({ status: "processed" });
    const waiting = await eventOf(transient);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("40001") });
    // At least half the first backoff (2.5 s) after it failed, so after it arrived: measured
    // between the two stored times, not against the clock, which a loaded machine makes late.
    expect(waiting.nextAttemptAt!.getTime() - waiting.receivedAt.getTime()).toBeGreaterThanOrEqual(2500);
    const given = await eventOf(permanent);
    expect(given).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringContaining("22008 datetime_field_overflow") });
    expect(given.lastError).not.toContain("Secret Lane");

    // Not due yet: another drain leaves it alone.
    await t.database.db.update(inboundEvents).set({ nextAttemptAt: sql`now() + interval '1 hour'` }).where(eq(inboundEvents.id, transient));
    await t.ingest.drain();
    expect(await eventOf(transient)).toMatchObject({ status: "pending", attempts: 1 });
    // Once due (time passed), it is tried again.
    await t.database.db.update(inboundEvents).set({ nextAttemptAt: sql`now() - interval '1 second'` }).where(eq(inboundEvents.id, transient));
    await t.ingest.drain();
    expect(await eventOf(transient)).toMatchObject({ status: "pending", attempts: 2 });
  });

  it("dead-letters a stored event of an unknown shape with the reason", async () => {
    const [row] = await t.database.db
      .insert(inboundEvents)
      .values({ platform: "instagram", source: "webhook", format: "instagram.webhook", body: '{"object":"instagram","entry":"x"}', accountId })
      .returning({ id: inboundEvents.id });
    await t.ingest.drain();
    expect(await eventOf(row!.id)).toMatchObject({ status: "failed", lastError: expect.stringContaining("unexpected shape: entry") });
  });

  it("shows the workspace's events given up in the ingest status, with their reasons, and no other workspace's", async () => {
    const mine = await status();
    expect(mine.deadLettered.map((e) => e.id)).toContain(permanent);
    expect(mine.deadLettered.find((e) => e.id === permanent)).toMatchObject({ accountId, format: "instagram.webhook", reason: expect.stringContaining("22008"), attempts: 1 });
    expect(mine.deadLettered.map((e) => e.id)).not.toContain(transient);

    const other = await createWorkspaceWithAccount(t.database.db, "Other brand");
    const theirs = await status(await t.tokenFor("admin", other.workspaceId));
    expect(theirs.deadLettered).toEqual([]);
  });

  it("lets only this workspace's admins re-queue a failed event: 403 for an agent, 404 elsewhere or unknown, 400 for a bad id", async () => {
    expect((await retry(permanent, await t.tokenFor("agent"))).status).toBe(403);
    const other = await createWorkspaceWithAccount(t.database.db, "Another brand");
    const elsewhere = await retry(permanent, await t.tokenFor("admin", other.workspaceId));
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await retry(987654321)).status).toBe(404);
    expect((await retry(ok)).status).toBe(404);
    expect((await retry("abc")).status).toBe(400);
    expect(await eventOf(permanent)).toMatchObject({ status: "failed" });
  });

  it("re-queues a failed event for an admin, audited, and ingests it once the cause is fixed", async () => {
    await t.database.db.execute(sql`drop trigger refuse_marked_messages on messages`);
    const res = await retry(permanent);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: permanent, status: "pending" });
    expect(await eventOf(permanent)).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "ingest.event.retry"), eq(auditEvents.entityId, String(permanent))));
    expect(audit).toMatchObject({ workspaceId: t.workspaceId, before: { status: "failed" }, after: { status: "pending" } });
    expect(JSON.stringify(audit)).not.toContain("Secret Lane");

    await t.ingest.drain();
    expect(await eventOf(permanent)).toMatchObject({ status: "processed" });
    const stored = await t.database.db.select().from(messages).where(eq(messages.inboundEventId, permanent));
    expect(stored).toHaveLength(1);
    // A second retry finds nothing failed.
    expect((await retry(permanent)).status).toBe(404);
  });
});

describe("implausible platform timestamps are refused at the webhook", () => {
  const countEvents = async () => (await t.database.db.select({ id: inboundEvents.id }).from(inboundEvents)).length;

  it.each([
    ["year 1970", 0],
    ["a unit mix-up far in the future", 99_999_999_999_999],
    ["a week ahead", Math.floor(Date.now() / 1000) + 7 * 86_400],
  ])("Instagram: entry.time of %s answers 400 and stores nothing", async (_, time) => {
    const before = await countEvents();
    const res = await t.app.request("/webhooks/instagram", signedInstagramPost(instagramCommentDelivery({ time }).body));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed", message: expect.stringContaining("not a plausible time") } });
    expect(await countEvents()).toBe(before);
  });

  it.each([
    ["year 1970", 0],
    ["a NaN", "NaN"],
    ["the year 2200", 7_258_118_400],
  ])("TikTok: a DM whose create_time is %s answers 400 and stores nothing", async (_, createTime) => {
    const content = { conversation_id: "c1", message_id: "m1", timestamp: Date.now(), type: "text", text: { body: "hi" }, from_user: { id: "u1" }, to_user: { id: "b1" } };
    const body = JSON.stringify({ client_key: "ck", event: "im_receive_msg", create_time: createTime, user_openid: "b1", content: JSON.stringify(content) });
    const before = await countEvents();
    const res = await t.app.request("/webhooks/tiktok", {
      method: "POST",
      headers: { "content-type": "application/json", [TIKTOK_SIGNATURE_HEADER]: signTikTokPayload(body, TEST_TIKTOK_CLIENT_SECRET, new Date()) },
      body,
    });
    expect(res.status).toBe(400);
    expect(await countEvents()).toBe(before);
  });
});
