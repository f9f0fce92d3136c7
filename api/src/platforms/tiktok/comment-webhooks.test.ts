import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { connectAccount } from "../../accounts/connect-account.ts";
import { inboundEvents, messages, syncCursors } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { createTestApp, TEST_TIKTOK_CLIENT_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { readFixture, readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { commentPageEventBody } from "./comment-page-event.ts";
import { signTikTokPayload, TIKTOK_SIGNATURE_HEADER } from "./signature.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const BRAND = "-000Kq2vYxLbN7c9RtUe4WmHs1pZ3aFd";

/**
 * The fixtures' ids, made unique per test (the same 19-digit shapes, still beyond 2^53): the top
 * comment `7541002003004005006` and its page's other comments, the reply `7412345678901234567`,
 * the video `7409876543210987654`.
 */
let run = 0;
function freshIds() {
  run += 1;
  const families: [string, string][] = [
    ["754100200300400", String(754100200310400 + run)],
    ["741234567890123", String(741234567890500 + run)],
    ["740987654321098", String(740987654321500 + run)],
  ];
  const rewrite = (text: string) => families.reduce((out, [from, to]) => out.replaceAll(from, to), text);
  return { top: rewrite("7541002003004005006"), reply: rewrite("7412345678901234567"), video: rewrite("7409876543210987654"), rewrite };
}
type Ids = ReturnType<typeof freshIds>;

let signedAt = Date.now();
function deliver(body: string) {
  // Each delivery is signed at its own second, as TikTok's retries are.
  signedAt += 1000;
  const signature = signTikTokPayload(body, TEST_TIKTOK_CLIENT_SECRET, new Date(Math.min(signedAt, Date.now() + 60_000)));
  return t.app.request("/webhooks/tiktok", { method: "POST", headers: { "content-type": "application/json", [TIKTOK_SIGNATURE_HEADER]: signature }, body });
}

async function webhook(ids: Ids, fixture: string) {
  const res = await deliver(ids.rewrite(readFixture(fixture)));
  expect(res.status).toBe(200);
  await t.ingest.drain();
}

/** A poll of the video's comment list, stored as the poller stores it, read at `fetchedAtS` (unix seconds). */
async function polledPage(ids: Ids, fetchedAtS: number, response: unknown = JSON.parse(ids.rewrite(readFixture("tiktok/comment-list-page.json")))) {
  const body = commentPageEventBody({ businessId: BRAND, videoId: ids.video, fetchedAt: new Date(fetchedAtS * 1000) }, response);
  await t.database.db.insert(inboundEvents).values({ platform: "tiktok", format: "tiktok.comment_page", source: "poll", body });
  await t.ingest.drain();
}

/** A reply-list page holding the buyer's reply of `comment-update-insert.json`, as the API lists it. */
function replyPage(ids: Ids, status = "PUBLIC") {
  return {
    code: 0,
    message: "OK",
    request_id: "2025082112400501F3A9C47D2E1B6A0C99",
    data: {
      comments: [
        {
          comment_id: ids.reply,
          unique_identifier: "dani.k",
          video_id: ids.video,
          user_id: "-000Dk7pQ2sWx9LmN4vBz8RtYc1Hj6FgA",
          create_time: 1755780400,
          text: "same here, still waiting on #10511",
          likes: 0,
          replies: 0,
          owner: false,
          status,
          username: "dani.k",
          parent_comment_id: ids.top,
        },
      ],
      cursor: 1,
      has_more: false,
    },
  };
}

const stored = async (externalId: string) => t.database.db.select().from(messages).where(and(eq(messages.platform, "tiktok"), eq(messages.externalId, externalId)));

describe("TikTok comment.update webhooks, stored and applied", () => {
  it("stores an insert under its exact 19-digit id, and a redelivery or the poll's copy lands on the same message", async () => {
    const ids = freshIds();
    await webhook(ids, "tiktok/comment-update-insert.json");
    await webhook(ids, "tiktok/comment-update-insert.json");
    const [message, ...others] = await stored(ids.reply);
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      kind: "comment",
      direction: "inbound",
      parentExternalId: ids.top,
      threadKey: `tiktok:comment:${ids.top}`,
      text: "same here, still waiting on #10511",
      visibility: "visible",
      status: "open",
    });
    expect(message!.label).not.toBeNull();

    await polledPage(ids, 1755780700, replyPage(ids));
    expect(await stored(ids.reply)).toHaveLength(1);
  });

  it("poll first, then webhooks: the polled comment is hidden, friends-only, public again; a stale poll changes nothing", async () => {
    const ids = freshIds();
    await polledPage(ids, 1755780400);
    expect((await stored(ids.top))[0]).toMatchObject({ visibility: "visible" });

    await webhook(ids, "tiktok/comment-update-hidden.json");
    expect(await stored(ids.top)).toEqual([expect.objectContaining({ visibility: "hidden", visibilityObservedAt: new Date(1755780500_000) })]);
    await webhook(ids, "tiktok/comment-update-friends-only.json");
    expect((await stored(ids.top))[0]!.visibility).toBe("friends_only");
    // A page read before the change (stored late) still lists it public: older news, ignored.
    await polledPage(ids, 1755780540);
    expect((await stored(ids.top))[0]!.visibility).toBe("friends_only");
    await webhook(ids, "tiktok/comment-update-public.json");
    expect(await stored(ids.top)).toEqual([expect.objectContaining({ visibility: "visible" })]);
  });

  it("webhook first, then the poll: one message; the poll's visibility wins only if it was read later", async () => {
    const ids = freshIds();
    await webhook(ids, "tiktok/comment-update-hidden.json");
    expect(await stored(ids.top)).toEqual([expect.objectContaining({ visibility: "hidden", text: "where is my order?? ordered 2 weeks ago #10482" })]);
    await polledPage(ids, 1755780400);
    expect(await stored(ids.top)).toEqual([expect.objectContaining({ visibility: "hidden" })]);
    await polledPage(ids, 1755780700);
    expect(await stored(ids.top)).toEqual([expect.objectContaining({ visibility: "visible", visibilityObservedAt: new Date(1755780700_000) })]);
  });

  it("applies changes delivered out of order by their time, and keeps a deleted comment deleted", async () => {
    const ids = freshIds();
    await polledPage(ids, 1755780400);
    await webhook(ids, "tiktok/comment-update-public.json");
    await webhook(ids, "tiktok/comment-update-hidden.json");
    expect((await stored(ids.top))[0]!.visibility).toBe("visible");

    await webhook(ids, "tiktok/comment-update-insert.json");
    await webhook(ids, "tiktok/comment-update-delete.json");
    expect((await stored(ids.reply))[0]!.visibility).toBe("deleted");
    await polledPage(ids, 1755790000, replyPage(ids));
    expect(await stored(ids.reply)).toEqual([expect.objectContaining({ visibility: "deleted" })]);
  });

  it("stores a deletion that arrives before its comment as a deleted comment, which the insert does not revive", async () => {
    const ids = freshIds();
    await webhook(ids, "tiktok/comment-update-delete.json");
    await webhook(ids, "tiktok/comment-update-insert.json");
    expect(await stored(ids.reply)).toEqual([expect.objectContaining({ visibility: "deleted" })]);
  });

  it("notes on the video's cursor that its webhooks are arriving", async () => {
    const ids = freshIds();
    const account = await connectAccount(t.database.db, t.config, {
      workspaceId: t.workspaceId,
      channel: "tiktok_business",
      externalAccountId: `${BRAND}-${run}`,
      handle: "glowbar.official",
      accessToken: "act.test",
      platformParams: { business_id: `${BRAND}-${run}` },
    });
    await t.database.db.insert(syncCursors).values({ id: newId("cursor"), accountId: account.id, resource: "tiktok.video_comments", resourceId: ids.video });
    const body = ids.rewrite(readFixture("tiktok/comment-update-insert.json")).replace(`"user_openid": "${BRAND}"`, `"user_openid": "${BRAND}-${run}"`);
    expect((await deliver(body)).status).toBe(200);
    await t.ingest.drain();
    const [cursor] = await t.database.db.select().from(syncCursors).where(eq(syncCursors.accountId, account.id));
    expect(cursor!.lastPushedAt).toEqual(new Date(1755780400_000));
  });

  it("answers a comment event it cannot read with a 400 in the error shape, and stores nothing", async () => {
    const before = (await t.database.db.select({ n: count() }).from(inboundEvents))[0]!.n;
    const envelope = readJsonFixture<Record<string, unknown>>("tiktok/comment-update-insert.json");
    for (const content of ['{"comment_id":74123,', '{"video_id":7409876543210987654,"comment_action":"insert","timestamp":1755780400}']) {
      const res = await deliver(JSON.stringify({ ...envelope, content }));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "validation_failed", message: expect.stringContaining("content") } });
    }
    expect((await t.database.db.select({ n: count() }).from(inboundEvents))[0]!.n).toBe(before);
  });
});
