import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import type { SetupServer } from "msw/node";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld, type EmulatedAccount, type EmulatedMedia } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { PlatformApiError } from "../../connectors/contract.ts";
import { createGraphClient, type GraphClient } from "./graph-client.ts";

const BASE = "https://graph.instagram.com/v21.0";

let server: SetupServer;
let world: InstagramWorld;
let account: EmulatedAccount;
let media: EmulatedMedia;
let client: GraphClient;

beforeAll(() => {
  server = startEmulatorServer([]);
});
afterAll(() => server.close());
beforeEach(() => {
  world = new InstagramWorld();
  server.use(...instagramGraphHandlers(world));
  account = world.addAccount({ username: "glowbar" });
  media = world.addMedia(account.id);
  client = createGraphClient({ baseUrl: BASE, accessToken: account.token });
});
afterEach(() => server.resetHandlers());

async function failure(promise: Promise<unknown>): Promise<PlatformApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformApiError);
  return error as PlatformApiError;
}

describe("createGraphClient: reading", () => {
  it("pages an account's media newest first until Graph stops giving a next page", async () => {
    const older = world.addMedia(account.id, { timestamp: new Date(Date.now() - 86_400_000) });
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await client.listMedia({ userId: account.id, after, limit: 1 });
      ids.push(...page.body.data.map((m) => (m as { id: string }).id));
      after = page.after;
      pages += 1;
    } while (after);
    expect(ids).toEqual([media.id, older.id]);
    expect(pages).toBe(2);
  });

  it("reads comments with their first page of replies and the cursor to the rest", async () => {
    const parent = world.addComment(media.id, { text: "where is my order" });
    for (let i = 0; i < 30; i++) world.addComment(media.id, { parentId: parent.id, text: `reply ${i}` });
    const { body, after } = await client.listComments(media.id);
    expect(after).toBeNull();
    const [first] = body.data as { id: string; text: string; from: { id: string }; replies: { data: unknown[]; paging: { cursors: { after: string }; next?: string } } }[];
    expect(first).toMatchObject({ id: parent.id, text: "where is my order", from: { id: parent.from.id } });
    expect(first?.replies.data).toHaveLength(25);
    expect(first?.replies.paging.next).toBeDefined();
    const rest = await client.listReplies(parent.id, { after: first!.replies.paging.cursors.after });
    expect(rest.body.data).toHaveLength(5);
    expect(rest.after).toBeNull();
  });

  it("can send the token as the access_token parameter instead of a header", async () => {
    const queryClient = createGraphClient({ baseUrl: BASE, accessToken: account.token, tokenIn: "query" });
    expect((await queryClient.listComments(media.id)).body.data).toEqual([]);
  });

  it("works against graph.facebook.com too", async () => {
    const facebook = createGraphClient({ baseUrl: "https://graph.facebook.com/v21.0", accessToken: account.token });
    world.addComment(media.id);
    expect((await facebook.listComments(media.id)).body.data).toHaveLength(1);
  });
});

describe("createGraphClient: errors in the scheduler's terms", () => {
  it.each([4, 17, 32, 613, 80002] as const)("reads Graph code %i as rate limited", async (code) => {
    world.faults.throttle(1, { as: code });
    const error = await failure(client.listComments(media.id));
    expect(error).toMatchObject({ kind: "rate_limited", platformCode: String(code) });
  });

  it("reads HTTP 429 as rate limited, waiting as long as Retry-After says", async () => {
    world.faults.throttle(1, { as: 429, retryAfterSec: 30 });
    expect(await failure(client.listComments(media.id))).toMatchObject({ kind: "rate_limited", retryAfterMs: 30_000 });
  });

  it("waits as long as the usage header says when a throttle carries no Retry-After", async () => {
    world.faults.throttle(1, { as: 80002 });
    world.setUsage(account.id, { call_count: 100, total_cputime: 40, total_time: 40, estimated_time_to_regain_access: 7 });
    expect(await failure(client.listComments(media.id))).toMatchObject({ kind: "rate_limited", retryAfterMs: 7 * 60_000 });
  });

  it("reads code 190 as an expired token", async () => {
    world.expireToken(account.id);
    const error = await failure(client.listComments(media.id));
    expect(error).toMatchObject({ kind: "token_expired", platformCode: "190" });
    expect(error.message).toContain("Session has expired");
  });

  it("reads a 500 and a dropped connection as transient", async () => {
    world.faults.serverErrors(1);
    expect((await failure(client.listComments(media.id))).kind).toBe("transient");
    server.use(http.get(`${BASE}/:node/comments`, () => HttpResponse.error()));
    expect((await failure(client.listComments(media.id))).kind).toBe("transient");
  });

  it("reads a missing object as rejected, naming Meta's code and trace", async () => {
    const error = await failure(client.listComments("18000000000000000"));
    expect(error).toMatchObject({ kind: "rejected", platformCode: "100" });
    expect(error.message).toMatch(/code 100\/33, trace \S+/);
  });

  it("refuses a 200 whose body is not a Graph page", async () => {
    server.use(http.get(`${BASE}/:node/comments`, () => HttpResponse.json({ data: "nope" })));
    expect((await failure(client.listComments(media.id))).kind).toBe("rejected");
  });

  it("suggests slowing down when usage passes 80% or Meta names a time to regain access", async () => {
    expect((await client.listComments(media.id)).slowDownMs).toBeUndefined();
    world.setUsage(account.id, { call_count: 85, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0 });
    expect((await client.listComments(media.id)).slowDownMs).toBe(60_000);
    world.setUsage(account.id, { call_count: 99, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0 });
    expect((await client.listComments(media.id)).slowDownMs).toBe(5 * 60_000);
  });
});

describe("createGraphClient: acting on comments", () => {
  it("replies publicly, hides, unhides and deletes", async () => {
    const comment = world.addComment(media.id, { text: "is this vegan?" });
    const { body } = await client.replyToComment(comment.id, "Yes, 100% vegan 🌱");
    expect(world.getComment(body.id)).toMatchObject({ parentId: comment.id, from: { id: account.id } });

    await client.setHidden(comment.id, true);
    expect(world.getComment(comment.id)?.hidden).toBe(true);
    expect(await failure(client.replyToComment(comment.id, "again"))).toMatchObject({ kind: "rejected" });
    await client.setHidden(comment.id, false);
    expect(world.getComment(comment.id)?.hidden).toBe(false);

    expect((await client.deleteComment(comment.id)).body).toEqual({ success: true });
    expect((await client.listComments(media.id)).body.data).toEqual([]);
  });

  it("refuses a public reply to a reply: Instagram nests one level", async () => {
    const comment = world.addComment(media.id);
    const reply = world.addComment(media.id, { parentId: comment.id });
    expect((await failure(client.replyToComment(reply.id, "hi"))).kind).toBe("rejected");
  });

  it("sends one Private Reply per comment, to its author", async () => {
    const comment = world.addComment(media.id, { text: "my parcel never came" });
    const { body } = await client.sendPrivateReply(account.id, comment.id, "So sorry! What's your order number?");
    expect(body.recipient_id).toBe(comment.from.id);
    expect(world.sent).toEqual([expect.objectContaining({ commentId: comment.id, recipientId: comment.from.id })]);
    const again = await failure(client.sendPrivateReply(account.id, comment.id, "Following up"));
    expect(again).toMatchObject({ kind: "rejected", platformCode: "10" });
  });

  it("refuses a Private Reply more than 7 days after the comment", async () => {
    const comment = world.addComment(media.id, { timestamp: new Date(Date.now() - 8 * 86_400_000) });
    const error = await failure(client.sendPrivateReply(account.id, comment.id, "Hi"));
    expect(error).toMatchObject({ kind: "rejected", platformCode: "10" });
    expect(error.message).toContain("outside of allowed window");
  });

  it("allows a Private Reply on a live comment only while the broadcast is on air", async () => {
    const live = world.addMedia(account.id, { live: "on_air" });
    const during = world.addComment(live.id);
    const after = world.addComment(live.id);
    await client.sendPrivateReply(account.id, during.id, "DM'd you the link");
    world.endLive(live.id);
    expect((await failure(client.sendPrivateReply(account.id, after.id, "too late"))).kind).toBe("rejected");
  });

  it("sends a DM within 24 hours of the customer's last message only", async () => {
    expect((await failure(client.sendMessage(account.id, "6001", "hello?"))).kind).toBe("rejected");
    world.receiveMessage(account.id, { from: "6001", text: "where is my package" });
    const { body } = await client.sendMessage(account.id, "6001", "Checking now!");
    expect(body.recipient_id).toBe("6001");
  });
});
