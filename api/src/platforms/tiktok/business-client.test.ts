import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { TIKTOK_BUSINESS_API } from "@surgedesk/devkit/emulators/tiktok/business-api-handlers.ts";
import type { EmulatedBusiness, EmulatedVideo } from "@surgedesk/devkit/emulators/tiktok/business-world.ts";
import { PlatformApiError } from "../../connectors/contract.ts";
import { createTikTokBusinessClient, type TikTokBusinessClient } from "./business-client.ts";

const emulator = createTikTokEmulator();
const { world } = emulator;
let server: SetupServer;
let business: EmulatedBusiness;
let video: EmulatedVideo;
let client: TikTokBusinessClient;

beforeAll(() => {
  server = startEmulatorServer(emulator.handlers);
});
afterAll(() => server.close());
beforeEach(() => {
  world.faults.clear();
  business = world.addBusiness({ businessId: `biz-${Math.random()}` });
  video = world.addVideo(business.businessId, { createdAt: new Date(Date.now() - 3_600_000) });
  client = createTikTokBusinessClient({ baseUrl: TIKTOK_BUSINESS_API, accessToken: business.accessToken });
});

const target = () => ({ businessId: business.businessId, videoId: video.itemId });
async function failure(promise: Promise<unknown>): Promise<PlatformApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformApiError);
  return error as PlatformApiError;
}

describe("TikTok business client", () => {
  it("pages comments newest first with cursor and has_more, replies inline", async () => {
    for (let i = 0; i < 35; i++) {
      world.addComment(video.itemId, { userId: `u${i}`, text: `comment ${i}`, createdAt: new Date(Date.now() - (35 - i) * 1000) });
    }
    const first = world.commentsOf(video.itemId, null).at(-1)!;
    world.addComment(video.itemId, { userId: "u99", text: "reply", parentCommentId: first.commentId });

    const page1 = await client.listComments({ ...target() });
    expect(page1.data).toMatchObject({ cursor: 30, has_more: true });
    expect(page1.data.comments).toHaveLength(30);
    expect(page1.data.comments?.[0]).toMatchObject({ text: "comment 34", replies: 1, reply_list: [{ text: "reply" }] });
    expect(page1.response).toMatchObject({ code: 0, request_id: expect.any(String) });

    const page2 = await client.listComments({ ...target(), cursor: page1.data.cursor });
    expect(page2.data).toMatchObject({ cursor: 35, has_more: false });
    expect(world.calls.at(-1)?.params).toMatchObject({ sort_field: "create_time", sort_order: "desc", max_count: "30", status: "ALL" });
  });

  it("lists the replies of a comment", async () => {
    const parent = world.addComment(video.itemId, { userId: "u1", text: "where is my order" });
    world.addComment(video.itemId, { userId: "u2", text: "same", parentCommentId: parent.commentId });
    const { data } = await client.listReplies({ ...target(), commentId: parent.commentId });
    expect(data.comments).toEqual([expect.objectContaining({ text: "same", parent_comment_id: parent.commentId })]);
  });

  it("lists videos with their creation time", async () => {
    const { data } = await client.listVideos({ businessId: business.businessId });
    expect(data.videos).toEqual([expect.objectContaining({ item_id: video.itemId, create_time: expect.any(String) })]);
  });

  it("reads code 40100 (HTTP 200) as throttling", async () => {
    world.faults.inject({ kind: "throttle" });
    const error = await failure(client.listComments(target()));
    expect(error).toMatchObject({ kind: "rate_limited", platformCode: "40100", retryAfterMs: undefined });
  });

  it("reads HTTP 429 with Retry-After as throttling for that long", async () => {
    world.faults.inject({ kind: "http429", retryAfterSeconds: 7 });
    expect(await failure(client.listComments(target()))).toMatchObject({ kind: "rate_limited", retryAfterMs: 7000 });
  });

  it.each([
    ["an HTTP 500 with an HTML body", { kind: "server_error" } as const],
    ["TikTok's internal-error code", { kind: "internal_error" } as const],
  ])("reads %s as transient", async (_, fault) => {
    world.faults.inject(fault);
    expect((await failure(client.listComments(target()))).kind).toBe("transient");
  });

  it("reads an expired or unknown token as token_expired", async () => {
    world.expireToken(business.businessId);
    expect(await failure(client.listComments(target()))).toMatchObject({ kind: "token_expired", platformCode: "40104" });
    const stranger = createTikTokBusinessClient({ baseUrl: TIKTOK_BUSINESS_API, accessToken: "act.unknown" });
    expect(await failure(stranger.listComments(target()))).toMatchObject({ kind: "token_expired", platformCode: "40105" });
  });

  it("reads another non-zero code as a rejected request", async () => {
    const error = await failure(client.listComments({ ...target(), videoId: "404" }));
    expect(error).toMatchObject({ kind: "rejected", platformCode: "40002" });
    expect(error.message).toMatch(/video not found/);
  });

  it("replies to a comment, and refuses more than 150 characters before calling", async () => {
    const comment = world.addComment(video.itemId, { userId: "u1", text: "is this vegan?" });
    const { commentId } = await client.replyToComment({ ...target(), commentId: comment.commentId, text: "Yes, 100% vegan 🌱" });
    expect(world.comments.get(commentId)).toMatchObject({ owner: true, parentCommentId: comment.commentId });

    const calls = world.calls.length;
    const error = await failure(client.replyToComment({ ...target(), commentId: comment.commentId, text: "é".repeat(151) }));
    expect(error).toMatchObject({ kind: "rejected" });
    expect(world.calls.length).toBe(calls);
    // 150 characters pass even when some take two UTF-16 units.
    await client.replyToComment({ ...target(), commentId: comment.commentId, text: "💛".repeat(150) });
  });

  it("hides and unhides a comment", async () => {
    const comment = world.addComment(video.itemId, { userId: "u1", text: "scam!!" });
    await client.hideComment({ ...target(), commentId: comment.commentId, action: "HIDE" });
    expect(comment.status).toBe("HIDDEN");
    await client.hideComment({ ...target(), commentId: comment.commentId, action: "UNHIDE" });
    expect(comment.status).toBe("PUBLIC");
  });

  it("sends a DM in a conversation the customer opened, and the echo is queued", async () => {
    const dm = world.receiveDm(business.businessId, { fromUserId: "buyer-1", text: "hello?" });
    world.takeWebhooks();
    const { messageId } = await client.sendMessage({ businessId: business.businessId, conversationId: dm.conversationId, text: "Hi! How can we help?" });
    expect(world.conversations.get(dm.conversationId)?.messages.at(-1)).toMatchObject({ messageId, fromUserId: business.businessId });
    expect(world.takeWebhooks()).toEqual([expect.objectContaining({ event: "im_send_msg" })]);
  });

  it("cannot DM a conversation that does not exist", async () => {
    const error = await failure(client.sendMessage({ businessId: business.businessId, conversationId: "conv_nope", text: "hi" }));
    expect(error.kind).toBe("rejected");
  });
});
