import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { SuggestionsResponse } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { connectEmulatedAccount } from "@surgedesk/devkit/emulators/instagram/connect-emulated-account.ts";
import { instagramGraphHandlers } from "@surgedesk/devkit/emulators/instagram/graph-handlers.ts";
import { InstagramWorld } from "@surgedesk/devkit/emulators/instagram/instagram-world.ts";
import { shopifyHandlers } from "@surgedesk/devkit/emulators/shopify/shopify-handlers.ts";
import { ShopifyStore, type EmulatedLineItem } from "@surgedesk/devkit/emulators/shopify/shopify-store.ts";
import { seedMessage, type MessageSpec } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createTestApp, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import type { Label } from "@surgedesk/shared";
import { messages, workspaces } from "../api/src/db/schema/index.ts";

const store = new ShopifyStore({ shopDomain: "glowbar-escalation.myshopify.com", accessToken: "shpat_escalation" });
const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY);
const BUNDLE: EmulatedLineItem = { title: "Glow Routine Bundle", variantTitle: "Serum + Cream + Mist", sku: "GLOW-BUNDLE", quantity: 4, unitPrice: "62.00" };
const SERUM: EmulatedLineItem = { title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 1, unitPrice: "29.00" };
const delivered = (daysAgo: number, number: string) => [
  { displayStatus: "DELIVERED", createdAt: at(-daysAgo - 4), deliveredAt: at(-daysAgo), estimatedDeliveryAt: at(-daysAgo), tracking: { number, url: `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`, company: "USPS" } },
];

describe("escalation from order history", () => {
  const world = new InstagramWorld();
  const emulator = startEmulatorServer([...instagramGraphHandlers(world), ...shopifyHandlers(store)]);
  let t: TestApp;
  let accountId: string;
  beforeAll(async () => {
    t = await createTestApp({ shopify: { shopDomain: store.shopDomain, adminToken: store.accessToken, apiVersion: "2025-07" } });
    accountId = (await connectEmulatedAccount(t.database.db, t.config, t.workspaceId, world.addAccount())).id;
    // A buyer refunded once as "not received", now claiming it again on a newer order.
    store.addOrder({ name: "#5391", email: "priya.n@example.com", customerName: "Priya Nair", createdAt: at(-8), fulfillmentStatus: "FULFILLED", lineItems: [SERUM], fulfillments: delivered(3, "9400111899223344556691") });
    store.addOrder({
      name: "#5288",
      email: "priya.n@example.com",
      customerName: "Priya Nair",
      createdAt: at(-62),
      fulfillmentStatus: "FULFILLED",
      financialStatus: "REFUNDED",
      lineItems: [SERUM],
      fulfillments: delivered(55, "9400111899223344556628"),
      refunds: [{ id: "gid://shopify/Refund/95288001", createdAt: new Date(Date.UTC(2026, 9, 17, 15)), note: "Delivered, not received: carrier claim", amount: "29.00" }],
    });
    // A first not-received claim: another buyer, with an ordinary earlier order.
    store.addOrder({ name: "#5392", email: "sam.k@example.com", customerName: "Sam Kim", createdAt: at(-7), fulfillmentStatus: "FULFILLED", lineItems: [SERUM], fulfillments: delivered(2, "9400111899223344556692") });
    store.addOrder({ name: "#5301", email: "sam.k@example.com", customerName: "Sam Kim", createdAt: at(-40), fulfillmentStatus: "FULFILLED", lineItems: [SERUM], fulfillments: delivered(35, "9400111899223344556601") });
    // High value ($248) and low value ($29).
    store.addOrder({ name: "#5466", email: "nina.v@example.com", customerName: "Nina Volkova", createdAt: at(-9), fulfillmentStatus: "FULFILLED", lineItems: [BUNDLE], fulfillments: delivered(4, "9400111899223344556766") });
    store.addOrder({ name: "#5470", email: "tom.b@example.com", customerName: "Tom Baker", createdAt: at(-9), fulfillmentStatus: "FULFILLED", lineItems: [SERUM], fulfillments: delivered(4, "9400111899223344556770") });
  });
  afterAll(async () => {
    await t?.close();
    emulator.close();
  });

  let n = 0;
  const seed = (label: Label, text: string, spec: MessageSpec = {}) => {
    n += 1;
    return seedMessage(t.database.db, { workspaceId: t.workspaceId, accountId }, { externalId: `esc-${n}`, classified: true, label, text, escalation: "low", ...spec });
  };
  const open = async (id: string) => {
    const res = await t.app.request(`/api/replies/${id}/suggestions`);
    expect(res.status).toBe(200);
    return (await res.json()) as SuggestionsResponse;
  };
  const stored = async (id: string) => {
    const [row] = await t.database.db.select({ level: messages.escalationLevel, score: messages.escalationScore, classification: messages.classification }).from(messages).where(eq(messages.id, id));
    return { level: row!.level, score: row!.score, reasons: row!.classification!.escalation.reasons, rules: row!.classification!.evidence.rules };
  };

  it("raises a delivered-not-received claim from a buyer whose earlier order was refunded as not received", async () => {
    const message = await seed("not_received", "order #5391 says delivered but nothing came, this is the second time!!");
    const s = await open(message.id);
    expect(s.order.order?.shopifyName).toBe("#5391");
    const after = await stored(message.id);
    expect(after.level).toBe("high");
    expect(after.score).toBeGreaterThanOrEqual(0.9);
    expect(after.reasons[0]).toBe("Repeat delivered-not-received claim: this buyer's earlier order #5288 was refunded as not received on 2026-10-17.");
    expect(after.rules).toContain("escalation:order_repeat_not_received");

    // Opening it again adds nothing twice.
    await open(message.id);
    expect((await stored(message.id)).reasons.filter((r) => r.startsWith("Repeat delivered-not-received"))).toHaveLength(1);
  });

  it("leaves a first not-received claim as the text scored it", async () => {
    const message = await seed("not_received", "hi, order #5392 shows delivered but I can't find it");
    const before = await stored(message.id);
    const s = await open(message.id);
    expect(s.order.otherOrders.map((o) => o.shopifyName)).toEqual(["#5301"]);
    const after = await stored(message.id);
    expect(after.level).toBe("low");
    expect(after.reasons).toEqual(before.reasons);
  });

  it("raises a damage claim without photos on a high-value order, not one with a photo or on a cheap order", async () => {
    const bare = await seed("damaged_item", "my order #5466 arrived completely smashed, I want my money back");
    await open(bare.id);
    const raised = await stored(bare.id);
    expect(raised.level).toBe("high");
    expect(raised.reasons[0]).toBe("Damage claim without photos on a high-value order: #5466 is 248.00 USD (over 100.00). Ask for photos before a refund or replacement.");
    expect(raised.rules).toContain("escalation:order_damage_without_photos");

    // The same claim in a DM where the buyer sent a picture first.
    const thread = "instagram:dm:esc-photo-thread";
    await seed("other", "[1 attachment]", { kind: "dm", threadKey: thread, authorExternalId: "buyer-photo" });
    const withPhoto = await seed("damaged_item", "order #5466 came broken, see the pic", { kind: "dm", threadKey: thread, authorExternalId: "buyer-photo" });
    await open(withPhoto.id);
    expect((await stored(withPhoto.id)).reasons.some((r) => r.startsWith("Damage claim without photos"))).toBe(false);

    const cheap = await seed("damaged_item", "order #5470 arrived broken");
    await open(cheap.id);
    expect((await stored(cheap.id)).reasons.some((r) => r.startsWith("Damage claim"))).toBe(false);
  });

  it("raises a refund request above the workspace's threshold, and follows the threshold the workspace sets", async () => {
    const message = await seed("return_refund", "I want a full refund for order #5466");
    await open(message.id);
    const raised = await stored(message.id);
    expect(raised.level).toBe("high");
    expect(raised.reasons[0]).toBe("Refund request above the approval threshold: 248.00 USD on #5466 (over 100.00) needs an admin's approval.");
    expect(raised.rules).toContain("escalation:order_refund_over_threshold");

    const small = await seed("return_refund", "please refund order #5470");
    await open(small.id);
    expect((await stored(small.id)).reasons.some((r) => r.startsWith("Refund request above"))).toBe(false);

    await t.database.db.update(workspaces).set({ refundApprovalOver: "300" }).where(eq(workspaces.id, t.workspaceId));
    const underNew = await seed("return_refund", "refund for #5466 please");
    await open(underNew.id);
    expect((await stored(underNew.id)).reasons.some((r) => r.startsWith("Refund request above"))).toBe(false);
    await t.database.db.update(workspaces).set({ refundApprovalOver: "100" }).where(eq(workspaces.id, t.workspaceId));
  });
});
