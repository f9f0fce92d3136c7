import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SetupServer } from "msw/node";
import { startEmulatorServer } from "../emulator-server.ts";
import { verifyMetaSignature } from "@surgedesk/api/platforms/instagram/signature.ts";
import { igWebhookPayloadSchema } from "@surgedesk/api/platforms/instagram/webhook-payload.ts";
import { normalizeInstagramWebhook } from "@surgedesk/api/platforms/instagram/normalize.ts";
import { instagramGraphHandlers } from "./graph-handlers.ts";
import { InstagramWorld, type EmulatedAccount } from "./instagram-world.ts";
import { commentWebhookBody, echoWebhookBody, messageWebhookBody, planDeliveries, signedDelivery } from "./webhook-deliveries.ts";

const BASE = "https://graph.instagram.com/v21.0";

let server: SetupServer;
let world: InstagramWorld;
let account: EmulatedAccount;

beforeAll(() => {
  server = startEmulatorServer([]);
});
afterAll(() => server.close());
beforeEach(() => {
  world = new InstagramWorld();
  server.use(...instagramGraphHandlers(world));
  account = world.addAccount();
});
afterEach(() => server.resetHandlers());

async function graph(path: string, init: RequestInit & { token?: string } = {}) {
  const response = await fetch(`${BASE}${path}`, { ...init, headers: { authorization: `Bearer ${init.token ?? account.token}`, ...init.headers } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

type Page = { data: { id: string }[]; paging?: { cursors: { before: string; after: string }; next?: string } };

describe("emulated Graph API", () => {
  it("pages with Graph's shape, and paging.next works as given (it carries the token)", async () => {
    const media = world.addMedia(account.id);
    const comments = world.addComments(media.id, 5);
    const first = (await graph(`/${media.id}/comments?limit=2`)).body as Page;
    expect(first.data.map((c) => c.id)).toEqual([comments[0]!.id, comments[1]!.id]);
    expect(first.paging?.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(first.paging?.next).toContain("access_token=");
    const next = (await (await fetch(first.paging!.next!)).json()) as Page;
    expect(next.data.map((c) => c.id)).toEqual([comments[2]!.id, comments[3]!.id]);
    const last = (await graph(`/${media.id}/comments?limit=2&after=${next.paging!.cursors.after}`)).body as Page;
    expect(last.data).toHaveLength(1);
    expect(last.paging?.next).toBeUndefined();
  });

  it("neither repeats nor skips when comments arrive or vanish between pages", async () => {
    const media = world.addMedia(account.id);
    const [a, b, c] = world.addComments(media.id, 3);
    const first = (await graph(`/${media.id}/comments?limit=2`)).body as Page;
    world.deleteComment(account, a!.id);
    const late = world.addComment(media.id);
    const rest = (await graph(`/${media.id}/comments?limit=2&after=${first.paging!.cursors.after}`)).body as Page;
    expect([...first.data, ...rest.data].map((x) => x.id)).toEqual([a!.id, b!.id, c!.id, late.id]);
  });

  it("answers only the fields asked for, and refuses a field the node does not have", async () => {
    const media = world.addMedia(account.id);
    world.addComment(media.id, { text: "hi", likeCount: 3 });
    const page = (await graph(`/${media.id}/comments?fields=id,like_count,from{username}`)).body as { data: Record<string, unknown>[] };
    expect(Object.keys(page.data[0]!).sort()).toEqual(["from", "id", "like_count"]);
    // Graph adds the id of any node it answers about.
    expect(Object.keys(page.data[0]!.from as object).sort()).toEqual(["id", "username"]);
    const refused = await graph(`/${media.id}/comments?fields=id,colour`);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: { message: "(#100) Tried accessing nonexisting field (colour) on node type (IGComment)", type: "OAuthException", code: 100, fbtrace_id: expect.any(String) },
    });
  });

  it("keeps accounts apart: another account's media does not exist for this token", async () => {
    const other = world.addAccount();
    const media = world.addMedia(other.id);
    const response = await graph(`/${media.id}/comments`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 100, error_subcode: 33, type: "GraphMethodException" } });
  });

  it("answers an expired token with code 190 until the account is reconnected", async () => {
    world.expireToken(account.id);
    expect((await graph("/me")).body).toMatchObject({ error: { code: 190, error_subcode: 463 } });
    const token = world.renewToken(account.id);
    expect((await graph("/me", { token })).body).toEqual({ id: account.id, username: account.username });
  });

  it("reports usage in X-Business-Use-Case-Usage and throttles past the hour's budget", async () => {
    const small = new InstagramWorld({ hourlyCallBudget: 4 });
    server.use(...instagramGraphHandlers(small));
    const brand = small.addAccount();
    const usage = async () => {
      const res = await graph("/me", { token: brand.token });
      return { status: res.status, usage: JSON.parse(res.headers.get("x-business-use-case-usage") ?? "{}")[brand.id][0], body: res.body };
    };
    expect((await usage()).usage).toEqual({ type: "instagram", call_count: 25, total_cputime: 13, total_time: 13, estimated_time_to_regain_access: 0 });
    await usage();
    await usage();
    const blocked = await usage();
    expect(blocked.status).toBe(400);
    expect(blocked.body).toMatchObject({ error: { code: 80002 } });
    expect(blocked.usage.estimated_time_to_regain_access).toBe(60);
  });

  it("injects throttling, server errors and hangs on the calls it is told to", async () => {
    world.faults.throttle(1, { as: 429, retryAfterSec: 9 }).serverErrors(1);
    const throttled = await graph("/me");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("9");
    expect((await graph("/me")).status).toBe(500);
    expect((await graph("/me")).status).toBe(200);

    world.faults.hang({ after: 1 });
    expect((await graph("/me")).status).toBe(200);
    const hung = graph("/me").catch((error: unknown) => error);
    await expect.poll(() => world.faults.hungCount, { timeout: 10_000 }).toBe(1);
    world.faults.releaseHung();
    expect(await hung).toBeInstanceOf(TypeError);
    world.faults.clear();
    expect(world.calls.map((c) => c.status)).toEqual([429, 500, 200, 200, 0]);
  });
});

describe("emulated webhooks", () => {
  it("produces signed deliveries that Surgedesk's own parser accepts, replies threaded under parents", () => {
    const media = world.addMedia(account.id, { productType: "REELS" });
    const parent = world.addComment(media.id, { text: "wismo" });
    const reply = world.addComment(media.id, { text: "same", parentId: parent.id });
    const bodies = [parent, reply].map((c) => commentWebhookBody(world, c));
    const init = signedDelivery(bodies[0]!, "secret");
    const signature = (init.headers as Record<string, string>)["x-hub-signature-256"];
    expect(verifyMetaSignature(new TextEncoder().encode(bodies[0]!), signature, "secret")).toBe(true);
    const [normalizedReply] = normalizeInstagramWebhook(igWebhookPayloadSchema.parse(JSON.parse(bodies[1]!))).messages;
    expect(normalizedReply).toMatchObject({ externalId: reply.id, parentExternalId: parent.id, threadKey: `instagram:comment:${parent.id}` });
  });

  it("delivers live comments under live_comments and DMs with their echoes", async () => {
    const live = world.addMedia(account.id, { live: "on_air" });
    const body = JSON.parse(commentWebhookBody(world, world.addComment(live.id)));
    expect(body.entry[0].changes[0].field).toBe("live_comments");

    const dm = world.receiveMessage(account.id, { from: "6001", text: "hi" });
    const sent = world.send(account, { recipient: { id: "6001" }, message: { text: "hello!" } });
    const [inbound] = normalizeInstagramWebhook(igWebhookPayloadSchema.parse(JSON.parse(messageWebhookBody(dm)))).messages;
    const [echo] = normalizeInstagramWebhook(igWebhookPayloadSchema.parse(JSON.parse(echoWebhookBody(sent)))).messages;
    expect(inbound).toMatchObject({ direction: "inbound", threadKey: `instagram:dm:${account.id}:6001` });
    expect(echo).toMatchObject({ direction: "outbound", threadKey: `instagram:dm:${account.id}:6001` });
  });

  it("plans duplicate and out-of-order deliveries", () => {
    expect(planDeliveries(["a", "b"], { times: 2, order: "reverse" })).toEqual(["b", "b", "a", "a"]);
    const shuffled = planDeliveries(["a", "b", "c"], { times: 5, order: "shuffle" });
    expect(shuffled).toHaveLength(15);
    expect([...shuffled].sort().join("")).toBe("aaaaabbbbbccccc");
  });
});
