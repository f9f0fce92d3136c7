import { describe, expect, it } from "vitest";
import { verifyTikTokSignature } from "@surgedesk/api/platforms/tiktok/signature.ts";
import { seedTikTokDemoWorld } from "./demo-world.ts";
import { FaultPlan } from "./fault-plan.ts";
import { createTikTokEmulator } from "./tiktok-emulator.ts";

const secret = "emulator-secret";

describe("TikTok emulator", () => {
  it("signs each delivery copy anew, duplicates and reorders them as asked", () => {
    const { world, takeDeliveries } = createTikTokEmulator();
    const business = world.addBusiness();
    world.receiveDm(business.businessId, { fromUserId: "buyer", text: "one" });
    world.receiveDm(business.businessId, { fromUserId: "buyer", text: "two" });
    const deliveries = takeDeliveries({ clientSecret: secret, copies: 3, order: "reversed" });
    expect(deliveries).toHaveLength(6);
    expect(new Set(deliveries.map((d) => d.signature)).size).toBe(6);
    expect(JSON.parse(JSON.parse(deliveries[0]!.body).content).text.body).toBe("two");
    for (const d of deliveries) {
      expect(verifyTikTokSignature(new TextEncoder().encode(d.body), d.signature, secret, new Date()).ok).toBe(true);
    }
    expect(takeDeliveries({ clientSecret: secret })).toEqual([]);
  });

  it("threads a reply to a reply under the top-level comment, as the app does", () => {
    const { world } = createTikTokEmulator();
    const video = world.addVideo(world.addBusiness().businessId);
    const top = world.addComment(video.itemId, { userId: "a", text: "top" });
    const reply = world.addComment(video.itemId, { userId: "b", text: "reply", parentCommentId: top.commentId });
    const nested = world.addComment(video.itemId, { userId: "c", text: "nested", parentCommentId: reply.commentId });
    expect(nested.parentCommentId).toBe(top.commentId);
  });

  it("aims a fault at one account's calls when asked", () => {
    const plan = new FaultPlan();
    plan.inject({ kind: "throttle" }, 1, { businessId: "b1" });
    expect(plan.take("b2")).toBeUndefined();
    expect(plan.take("b1")).toEqual({ kind: "throttle" });
    expect(plan.pending).toBe(0);
  });

  it("seeds a demo brand with a fresh launch video full of comments", () => {
    const { world } = createTikTokEmulator();
    const { business, videos } = seedTikTokDemoWorld(world);
    expect(world.businesses.get(business.businessId)).toBe(business);
    expect(world.commentsOf(videos[0]!.itemId, null)).toHaveLength(5);
  });
});
