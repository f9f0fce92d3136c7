import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { LiveNoteAddedEvent, OrderAction, OrderActionInputDraft, OrderActionList, OrderActionPlan, OrderApprovalCount } from "@surgedesk/shared";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { shopifyHandlers } from "@surgedesk/devkit/emulators/shopify/shopify-handlers.ts";
import { ShopifyStore, type EmulatedOrder } from "@surgedesk/devkit/emulators/shopify/shopify-store.ts";
import { connectEmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/connect-emulated-shop.ts";
import type { EmulatedShop } from "@surgedesk/devkit/emulators/tiktok-shop/emulated-shop.ts";
import { sampleShopOrders, seedShopOrders, type SeededOrder } from "@surgedesk/devkit/emulators/tiktok-shop/seed-shop-orders.ts";
import { TikTokShopEmulator } from "@surgedesk/devkit/emulators/tiktok-shop/shop-emulator.ts";
import { seedMessage } from "@surgedesk/devkit/testing/seed-messages.ts";
import { createTestApp, TEST_TIKTOK_SHOP_APP_KEY, TEST_TIKTOK_SHOP_APP_SECRET, type TestApp } from "@surgedesk/devkit/testing/test-app.ts";
import { auditEvents, notes, orderActions } from "../api/src/db/schema/index.ts";
import { readSse } from "../api/src/live/read-sse.ts";
import { createLogger } from "../api/src/lib/logger.ts";
import { createOrderActionWorker, type OrderActionWorker } from "../api/src/orders/actions/order-action-worker.ts";

const store = new ShopifyStore({ shopDomain: "glowbar-actions.myshopify.com", accessToken: "shpat_actions" });
const shopEmulator = new TikTokShopEmulator({ appKey: TEST_TIKTOK_SHOP_APP_KEY, appSecret: TEST_TIKTOK_SHOP_APP_SECRET });
const server = startEmulatorServer([...shopEmulator.handlers(), ...shopifyHandlers(store)]);

let t: TestApp;
let worker: OrderActionWorker;
let shop: EmulatedShop;
let seeded: Map<string, SeededOrder>;
let messageId: string;
let accountId: string;
let n = 0;
const key = () => `test-key-${++n}-${Date.now()}`;

const post = (path: string, body: unknown, token?: string) =>
  t.app.request(path, { method: "POST", headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });

async function ask(action: OrderActionInputDraft, options: { token?: string; idempotencyKey?: string } = {}): Promise<OrderAction> {
  const res = await post("/api/order-actions", { messageId, idempotencyKey: options.idempotencyKey ?? key(), action }, options.token);
  expect(res.status, await res.clone().text()).toBe(202);
  return (await res.json()) as OrderAction;
}

async function actionsOf(): Promise<OrderAction[]> {
  const res = await t.app.request(`/api/order-actions?messageId=${messageId}`);
  return ((await res.json()) as OrderActionList).actions;
}
const find = async (id: string) => (await actionsOf()).find((a) => a.id === id)!;
const callsTo = (operation: string) => store.calls.filter((c) => c.operation === operation).length;
const shopCalls = (suffix: string) => shopEmulator.requests.filter((r) => r.method === "POST" && r.path.endsWith(suffix)).length;

beforeAll(async () => {
  t = await createTestApp({ shopify: { shopDomain: store.shopDomain, adminToken: store.accessToken, apiVersion: "2026-01" } });
  // Retry-After: 0 and a 5 ms backoff, so the test waits on the queue, not on the clock.
  worker = createOrderActionWorker({ db: t.database.db, config: t.config, logger: createLogger("silent"), backoff: { baseMs: 5, maxMs: 20 } });
  shop = shopEmulator.addShop();
  seeded = seedShopOrders(shop, sampleShopOrders(new Date()));
  const account = await connectEmulatedShop(t.database.db, t.config, t.workspaceId, shop);
  accountId = account.id;
  messageId = (
    await seedMessage(t.database.db, { workspaceId: t.workspaceId, accountId: account.id }, { externalId: "oa-1", kind: "dm", platform: "tiktok", classified: true, label: "cancel_change", text: "please cancel my order" })
  ).id;
});
afterAll(async () => {
  server.close();
  await t?.close();
});
beforeEach(() => {
  store.calls.length = 0;
  shopEmulator.faults.clear();
});

const unfulfilled = (name: string, input: Partial<EmulatedOrder> = {}) =>
  store.addOrder({ name, email: "chloe.d@example.com", customerName: "Chloe Dubois", fulfillmentStatus: "UNFULFILLED", lineItems: [{ title: "Vitamin C Glow Serum", variantTitle: "50 ml", sku: "GLOW-C-50", quantity: 1, unitPrice: "42.00" }], ...input });

describe("Shopify: cancel an unfulfilled order", () => {
  it("previews exactly what will happen, naming the order, the amount and Shopify", async () => {
    const order = unfulfilled("#5001");
    const res = await post("/api/order-actions/preview", { messageId, action: { kind: "shopify_cancel", orderId: order.id } });
    expect(res.status).toBe(200);
    const plan = (await res.json()) as OrderActionPlan;
    expect(plan).toMatchObject({ system: "shopify", systemName: "Shopify", orderLabel: "#5001", amount: { amount: "42.00", currency: "USD" }, needsApproval: false });
    expect(plan.summary).toBe("Cancel order #5001 in Shopify (reason: customer), refund 42.00 USD to the original payment method and restock its items. Shopify emails the customer.");
    expect(callsTo("orderCancel")).toBe(0);
  });

  it("cancels exactly once through a 500, a 429 and a lost answer, and audits it", async () => {
    const order = unfulfilled("#5002");
    store.fail({ kind: "http", status: 500, only: "orderCancel" });
    store.fail({ kind: "http", status: 429, retryAfterSec: 0, only: "orderCancel" });
    store.fail({ kind: "lose-answer", only: "orderCancel" });
    const asked = await ask({ kind: "shopify_cancel", orderId: order.id, reason: "CUSTOMER", refund: true, restock: true });
    expect(asked.status).toBe("queued");
    await worker.drain({ timeoutMs: 20_000 });

    // Three calls reached Shopify; the third cancelled and its answer was lost; the fourth attempt looked and found it cancelled.
    expect(callsTo("orderCancel")).toBe(3);
    expect(order.cancelledAt).not.toBeNull();
    expect(store.refundsOf(order.id)).toHaveLength(1);
    expect(store.refundsOf(order.id)[0]!.amount).toBe("42.00");
    const done = await find(asked.id);
    expect(done).toMatchObject({ status: "done", attempts: 4, result: "Cancelled order #5002 in Shopify; 42.00 USD refunded to the original payment method, items restocked." });
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "order_action"), eq(auditEvents.entityId, asked.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["order_action.done", "order_action.queue"]);
    // The result is posted once into the conversation, as a note Surgedesk wrote.
    const posted = await t.database.db.select().from(notes).where(and(eq(notes.messageId, messageId), eq(notes.body, done.result!)));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.authorUserId).toBeNull();
  });

  it("answers a repeated request with the same action, and queues it once", async () => {
    const order = unfulfilled("#5003");
    const idempotencyKey = key();
    const first = await ask({ kind: "shopify_cancel", orderId: order.id }, { idempotencyKey });
    const again = await ask({ kind: "shopify_cancel", orderId: order.id }, { idempotencyKey });
    expect(again.id).toBe(first.id);
    await worker.drain();
    const third = await ask({ kind: "shopify_cancel", orderId: order.id }, { idempotencyKey });
    expect(third).toMatchObject({ id: first.id, status: "done" });
    expect(callsTo("orderCancel")).toBe(1);
    // The same key for another action is refused.
    const other = await post("/api/order-actions", { messageId, idempotencyKey, action: { kind: "shopify_refund", orderId: order.id } });
    expect(other.status).toBe(409);
  });

  it("refuses a fulfilled order, in words, before anything is recorded", async () => {
    const order = store.addOrder({ name: "#5004", fulfillmentStatus: "FULFILLED" });
    const res = await post("/api/order-actions", { messageId, idempotencyKey: key(), action: { kind: "shopify_cancel", orderId: order.id } });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/^#5004 is fulfilled: only an unfulfilled order can be cancelled/);
    expect(callsTo("orderCancel")).toBe(0);
  });
});

describe("Shopify: refund", () => {
  it("refunds chosen lines with their tax, exactly once through a 500, a 429 and a lost answer", async () => {
    const order = store.addOrder({
      name: "#5010",
      fulfillmentStatus: "FULFILLED",
      shippingPrice: "4.95",
      taxRate: 0.08,
      lineItems: [
        { title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 2, unitPrice: "29.00" },
        { title: "Glow Lip Oil", variantTitle: "Peach", sku: "LIP-PEACH", quantity: 1, unitPrice: "16.00" },
      ],
    });
    const serum = order.lineItems[0]!.id!;
    store.fail({ kind: "http", status: 500, only: "refundCreate" });
    store.fail({ kind: "throttled", only: "refundCreate" });
    store.fail({ kind: "lose-answer", only: "refundCreate" });
    const asked = await ask({ kind: "shopify_refund", orderId: order.id, lines: [{ lineItemId: serum, quantity: 1 }] });
    // One of two serums: 29.00 and half the line's 4.64 tax; the shipping stays.
    expect(asked.plan.summary).toBe(
      "Refund 31.32 USD on order #5010 in Shopify (1 × Vitamin C Glow Serum: items 29.00 USD + shipping 0.00 USD + tax 2.32 USD) to the original payment method. Shopify emails the customer.",
    );
    expect(asked.plan.refundBreakdown).toEqual({ items: { amount: "29.00", currency: "USD" }, shipping: { amount: "0.00", currency: "USD" }, tax: { amount: "2.32", currency: "USD" }, total: { amount: "31.32", currency: "USD" } });
    await worker.drain({ timeoutMs: 20_000 });
    expect(callsTo("refundCreate")).toBe(3);
    expect(store.refundsOf(order.id).map((r) => [r.amount, r.shippingAmount])).toEqual([["31.32", "0.00"]]);
    expect(store.refundsOf(order.id)[0]!.note).toContain(asked.id);
    expect(await find(asked.id)).toMatchObject({ status: "done", externalId: store.refundsOf(order.id)[0]!.id });
    expect(ShopifyStore.refundable(order, serum)).toBe(1);
    expect(order.financialStatus).toBe("PARTIALLY_REFUNDED");
  });

  it("a full refund gives back the lines, the shipping and the tax, exactly once through a 500, a 429 and a lost answer", async () => {
    const order = store.addOrder({
      name: "#5012",
      fulfillmentStatus: "FULFILLED",
      shippingPrice: "5.95",
      taxRate: 0.08,
      lineItems: [
        { title: "Vitamin C Glow Serum", variantTitle: "30 ml", sku: "GLOW-C-30", quantity: 2, unitPrice: "29.00" },
        { title: "Glow Lip Oil", variantTitle: "Peach", sku: "LIP-PEACH", quantity: 1, unitPrice: "16.00" },
      ],
    });
    const preview = await post("/api/order-actions/preview", { messageId, action: { kind: "shopify_refund", orderId: order.id } });
    expect(preview.status).toBe(200);
    const plan = (await preview.json()) as OrderActionPlan;
    // 74.00 of items, 5.92 of tax (8 %), 5.95 of shipping: the 85.87 the buyer paid.
    expect(plan).toMatchObject({
      amount: { amount: "85.87", currency: "USD" },
      refundBreakdown: { items: { amount: "74.00" }, shipping: { amount: "5.95" }, tax: { amount: "5.92" }, total: { amount: "85.87" } },
      needsApproval: false,
    });
    expect(plan.summary).toBe(
      "Refund 85.87 USD on order #5012 in Shopify (everything still refundable: items 74.00 USD + shipping 5.95 USD + tax 5.92 USD) to the original payment method. Shopify emails the customer.",
    );
    expect(callsTo("refundCreate")).toBe(0);

    store.fail({ kind: "http", status: 500, only: "refundCreate" });
    store.fail({ kind: "http", status: 429, retryAfterSec: 0, only: "refundCreate" });
    store.fail({ kind: "lose-answer", only: "refundCreate" });
    const asked = await ask({ kind: "shopify_refund", orderId: order.id });
    await worker.drain({ timeoutMs: 20_000 });
    expect(callsTo("refundCreate")).toBe(3);
    expect(store.refundsOf(order.id).map((r) => [r.amount, r.shippingAmount])).toEqual([["85.87", "5.95"]]);
    expect(order.financialStatus).toBe("REFUNDED");
    expect(ShopifyStore.refundableShippingCents(order)).toBe(0);
    expect(await find(asked.id)).toMatchObject({
      status: "done",
      result: "Refunded 85.87 USD on #5012 in Shopify (2 × Vitamin C Glow Serum, 1 × Glow Lip Oil; items 74.00 USD + shipping 5.95 USD + tax 5.92 USD).",
    });
  });

  it("refuses to refund a total that changed since the confirmation", async () => {
    const order = store.addOrder({ name: "#5013", fulfillmentStatus: "FULFILLED", shippingPrice: "4.95", taxRate: 0.08, lineItems: [{ title: "Glow Routine Bundle", variantTitle: null, sku: "GLOW-BUNDLE", quantity: 4, unitPrice: "62.00" }] });
    const agent = await t.tokenFor("agent");
    const asked = await ask({ kind: "shopify_refund", orderId: order.id }, { token: agent });
    expect(asked).toMatchObject({ status: "awaiting_approval", plan: { amount: { amount: "272.79" } } });
    // While it waits for an admin, someone refunds the shipping in Shopify's admin.
    store.createRefund({ orderId: order.id, note: "Shipping refunded in Shopify admin", lines: [], shipping: { fullRefund: true }, amount: "4.95", idempotencyKey: null });
    expect((await post(`/api/order-actions/${asked.id}/decision`, { decision: "approve" })).status).toBe(200);
    await worker.drain();
    expect(callsTo("refundCreate")).toBe(0);
    expect(await find(asked.id)).toMatchObject({ status: "failed", result: expect.stringContaining("Shopify would now refund 267.84 USD on #5013, not the 272.79 USD confirmed") });
  });

  it("sends Shopify the action's idempotency key: a repeat answers the same refund", async () => {
    const order = store.addOrder({ name: "#5011", fulfillmentStatus: "FULFILLED" });
    const asked = await ask({ kind: "shopify_refund", orderId: order.id });
    await worker.drain();
    expect(store.refundKeys.get(asked.id)?.id).toBe((await find(asked.id)).externalId);
  });

  it("never refunds a TikTok Shop order through Shopify, even when it is synced there", async () => {
    const synced = store.addOrder({ name: "#5020", tiktokOrderId: "576893021845299001", fulfillmentStatus: "FULFILLED" });
    for (const action of [{ kind: "shopify_refund", orderId: synced.id }, { kind: "shopify_cancel", orderId: synced.id }] as const) {
      const res = await post("/api/order-actions", { messageId, idempotencyKey: key(), action });
      expect(res.status).toBe(409);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("conflict");
      expect(body.error.message).toContain("#5020 is TikTok Shop order 576893021845299001, synced into Shopify");
    }
    expect(callsTo("refundCreate")).toBe(0);
    expect(callsTo("orderCancel")).toBe(0);
    expect(store.refundsOf(synced.id)).toEqual([]);
    const rows = await t.database.db.select().from(orderActions).where(eq(orderActions.workspaceId, t.workspaceId));
    expect(rows.some((r) => r.plan.orderLabel === "#5020")).toBe(false);
  });
});

describe("the buyer's other orders", () => {
  it("are acted on from the conversation like its own order: same confirmation and routing, the note posted here", async () => {
    const email = "ines.other@example.com";
    const older = store.addOrder({ name: "#5051", email, customerName: "Inés Duarte", createdAt: new Date(Date.now() - 20 * 86_400_000), fulfillmentStatus: "UNFULFILLED", shippingPrice: "4.95", taxRate: 0.08 });
    const synced = store.addOrder({ name: "#5052", email, customerName: "Inés Duarte", createdAt: new Date(Date.now() - 10 * 86_400_000), tiktokOrderId: "576893021845299052", fulfillmentStatus: "FULFILLED" });
    store.addOrder({ name: "#5050", email, customerName: "Inés Duarte", fulfillmentStatus: "FULFILLED" });
    const conversation = await seedMessage(
      t.database.db,
      { workspaceId: t.workspaceId, accountId },
      { externalId: "oa-other-1", kind: "dm", platform: "tiktok", classified: true, label: "order_status", text: "where is my order #5050? and please cancel the other one I placed" },
    );
    const suggestions = (await (await t.app.request(`/api/replies/${conversation.id}/suggestions`)).json()) as { order: { order: { shopifyName: string } | null; otherOrders: { shopifyName: string; shopifyId: string | null }[] } };
    expect(suggestions.order.order?.shopifyName).toBe("#5050");
    const other = suggestions.order.otherOrders.find((o) => o.shopifyName === "#5051")!;
    expect(other.shopifyId).toBe(older.id);
    expect(suggestions.order.otherOrders.map((o) => o.shopifyName)).toContain("#5052");

    // The confirmation reads the other order fresh from Shopify, with its shipping and tax.
    const preview = await post("/api/order-actions/preview", { messageId: conversation.id, action: { kind: "shopify_cancel", orderId: other.shopifyId } });
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as OrderActionPlan).summary).toBe(
      "Cancel order #5051 in Shopify (reason: customer), refund 36.27 USD to the original payment method and restock its items. Shopify emails the customer.",
    );
    const res = await post("/api/order-actions", { messageId: conversation.id, idempotencyKey: key(), action: { kind: "shopify_cancel", orderId: other.shopifyId } });
    expect(res.status).toBe(202);
    const asked = (await res.json()) as OrderAction;
    await worker.drain();
    expect(older.cancelledAt).not.toBeNull();
    const listed = ((await (await t.app.request(`/api/order-actions?messageId=${conversation.id}`)).json()) as OrderActionList).actions;
    expect(listed.map((a) => [a.id, a.plan.orderLabel, a.status])).toEqual([[asked.id, "#5051", "done"]]);
    const posted = await t.database.db.select().from(notes).where(eq(notes.messageId, conversation.id));
    expect(posted.map((n) => n.body)).toEqual(["Cancelled order #5051 in Shopify; 36.27 USD refunded to the original payment method, items restocked."]);

    // The same routing rule: the buyer's TikTok Shop order synced into Shopify is never refunded there.
    const refused = await post("/api/order-actions", { messageId: conversation.id, idempotencyKey: key(), action: { kind: "shopify_refund", orderId: synced.id } });
    expect(refused.status).toBe(409);
    expect(callsTo("refundCreate")).toBe(0);
  });
});

describe("TikTok Shop: the buyer's requests", () => {
  it("approves a cancellation request exactly once through a 500, a 429 and a lost answer", async () => {
    const { order, cancellation } = seeded.get("cancel-requested")!;
    const approve = (p: string) => p.includes(`/cancellations/${cancellation!.cancel_id}/approve`);
    shopEmulator.faults.serverErrors(1, approve).throttle(1, { retryAfterSeconds: 0, match: approve }).loseAnswers(1, approve);
    const asked = await ask({ kind: "tiktok_cancellation", orderId: order.id, requestId: cancellation!.cancel_id, decision: "approve" });
    expect(asked.plan).toMatchObject({ system: "tiktok_shop", orderLabel: order.id, amount: { amount: "16.00", currency: "USD" } });
    await worker.drain({ timeoutMs: 20_000 });
    expect(shopCalls(`/cancellations/${cancellation!.cancel_id}/approve`)).toBe(3);
    expect(cancellation!.cancel_status).toBe("CANCELLATION_REQUEST_COMPLETE");
    expect(shop.orderBook.order(order.id).status).toBe("CANCELLED");
    expect(await find(asked.id)).toMatchObject({ status: "done", result: `Approved the buyer's cancellation request on TikTok Shop order ${order.id}; TikTok Shop refunds 16.00 USD.` });
    // Decided: a second request is refused before anything reaches TikTok Shop.
    const again = await post("/api/order-actions", { messageId, idempotencyKey: key(), action: { kind: "tiktok_cancellation", orderId: order.id, requestId: cancellation!.cancel_id, decision: "reject", rejectReason: "Already packed" } });
    expect(again.status).toBe(409);
  });

  it("asks for a reason to reject, and sends it", async () => {
    const { order } = seeded.get("ship-today")!;
    const request = shop.orderBook.addCancellation(order.id, { reason: "Ordered twice", createdAt: new Date() });
    const missing = await post("/api/order-actions", { messageId, idempotencyKey: key(), action: { kind: "tiktok_cancellation", orderId: order.id, requestId: request.cancel_id, decision: "reject" } });
    expect(missing.status).toBe(400);
    const asked = await ask({ kind: "tiktok_cancellation", orderId: order.id, requestId: request.cancel_id, decision: "reject", rejectReason: "Your parcel has already been handed to the carrier" });
    await worker.drain();
    expect(request.cancel_status).toBe("CANCELLATION_REQUEST_REJECT");
    expect(shop.orderBook.order(order.id).status).toBe("AWAITING_SHIPMENT");
    expect((await find(asked.id)).status).toBe("done");
  });
});

describe("refunds above the threshold wait for an admin", () => {
  it("agent asks, admin approves, the refund runs once; a viewer cannot ask and an agent cannot approve", async () => {
    const { order, returns } = seeded.get("damaged-refund")!;
    const request = returns[0]!;
    const agent = await t.tokenFor("agent");
    const viewer = await t.tokenFor("viewer");
    const action = { kind: "tiktok_return", orderId: order.id, requestId: request.return_id, decision: "approve" } as const;

    const refused = await post("/api/order-actions", { messageId, idempotencyKey: key(), action }, viewer);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await post("/api/order-actions/preview", { messageId, action }, viewer)).status).toBe(403);

    const asked = await ask(action, { token: agent });
    expect(asked).toMatchObject({ status: "awaiting_approval", plan: { needsApproval: true, approvalReason: "Refunds above 100.00 USD need an admin's approval.", amount: { amount: "129.00" } } });
    await worker.drain();
    expect(shopCalls(`/returns/${request.return_id}/approve`)).toBe(0);
    expect(request.return_status).toBe("RETURN_OR_REFUND_REQUEST_PENDING");

    expect((await t.app.request("/api/order-actions/approvals", { headers: { authorization: `Bearer ${agent}` } })).status).toBe(403);
    expect((await post(`/api/order-actions/${asked.id}/decision`, { decision: "approve" }, agent)).status).toBe(403);
    const approvals = (await (await t.app.request("/api/order-actions/approvals")).json()) as OrderActionList;
    expect(approvals.actions.map((a) => a.id)).toEqual([asked.id]);

    const approved = await post(`/api/order-actions/${asked.id}/decision`, { decision: "approve" });
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as OrderAction).status).toBe("queued");
    // A second approval (another admin, a double click) queues nothing more.
    expect((await post(`/api/order-actions/${asked.id}/decision`, { decision: "approve" })).status).toBe(409);
    await worker.drain();
    expect(shopCalls(`/returns/${request.return_id}/approve`)).toBe(1);
    expect(request.return_status).toBe("RETURN_OR_REFUND_REQUEST_COMPLETE");
    const done = await find(asked.id);
    expect(done).toMatchObject({ status: "done", decidedBy: { name: expect.any(String) } });
    const audit = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "order_action"), eq(auditEvents.entityId, asked.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["order_action.approval_requested", "order_action.approve", "order_action.done"]);
  });

  it("compares a Shopify refund's whole total (items, shipping and tax) with the threshold", async () => {
    const agent = await t.tokenFor("agent");
    // 92.00 of items is under 100; with 7.36 of tax and 5.95 of shipping the refund is 105.31.
    const order = store.addOrder({ name: "#5031", fulfillmentStatus: "FULFILLED", shippingPrice: "5.95", taxRate: 0.08, lineItems: [{ title: "Glow Gift Set", variantTitle: "Large", sku: "GLOW-GIFT-L", quantity: 1, unitPrice: "92.00" }] });
    const full = await ask({ kind: "shopify_refund", orderId: order.id }, { token: agent });
    expect(full).toMatchObject({ status: "awaiting_approval", plan: { needsApproval: true, amount: { amount: "105.31", currency: "USD" }, approvalReason: "Refunds above 100.00 USD need an admin's approval." } });
    // The line alone with its tax (99.36) is under the threshold and runs at once.
    const line = await ask({ kind: "shopify_refund", orderId: order.id, lines: [{ lineItemId: order.lineItems[0]!.id!, quantity: 1 }] }, { token: agent });
    expect(line).toMatchObject({ status: "queued", plan: { needsApproval: false, amount: { amount: "99.36" } } });
    await post(`/api/order-actions/${full.id}/decision`, { decision: "reject", note: "Refunding the item only" });
    await worker.drain();
    expect(store.refundsOf(order.id).map((r) => r.amount)).toEqual(["99.36"]);
  });

  it("an admin's decline runs nothing", async () => {
    const order = store.addOrder({ name: "#5030", fulfillmentStatus: "FULFILLED", lineItems: [{ title: "Glow Routine Bundle", variantTitle: null, sku: "GLOW-BUNDLE", quantity: 4, unitPrice: "62.00" }] });
    const agent = await t.tokenFor("agent");
    const asked = await ask({ kind: "shopify_refund", orderId: order.id }, { token: agent });
    expect(asked.status).toBe("awaiting_approval");
    const declined = await post(`/api/order-actions/${asked.id}/decision`, { decision: "reject", note: "Ask for photos first" });
    expect(((await declined.json()) as OrderAction)).toMatchObject({ status: "declined", result: expect.stringMatching(/^Declined by .+: Ask for photos first$/) });
    await worker.drain();
    expect(callsTo("refundCreate")).toBe(0);
  });

  it("counts the refunds waiting for an admin for the navigation's badge, and tells admins' consoles live when it changes", async () => {
    const agent = await t.tokenFor("agent");
    const waiting = async () => ((await (await t.app.request("/api/order-actions/approvals/count")).json()) as OrderApprovalCount).waiting;
    const before = await waiting();
    expect((await t.app.request("/api/order-actions/approvals/count", { headers: { authorization: `Bearer ${agent}` } })).status).toBe(403);
    const adminStream = readSse(await t.app.request("/api/live/stream"));
    const agentStream = readSse(await t.app.request("/api/live/stream", { headers: { authorization: `Bearer ${agent}` } }));
    try {
      await adminStream.next((e) => e.event === "ready");
      await agentStream.next((e) => e.event === "ready");
      const order = store.addOrder({ name: "#5032", fulfillmentStatus: "FULFILLED", lineItems: [{ title: "Glow Routine Bundle", variantTitle: null, sku: "GLOW-BUNDLE", quantity: 2, unitPrice: "62.00" }] });
      const asked = await ask({ kind: "shopify_refund", orderId: order.id }, { token: agent });
      expect(asked.status).toBe("awaiting_approval");
      await adminStream.next((e) => e.event === "approvals.changed");
      expect(await waiting()).toBe(before + 1);

      await post(`/api/order-actions/${asked.id}/decision`, { decision: "reject", note: "Partial refund instead" });
      await adminStream.next((e) => e.event === "approvals.changed");
      expect(await waiting()).toBe(before);
      // Agents decide no approvals: their console never hears of them (the declined refund's note comes first).
      expect((await agentStream.next((e) => e.event === "approvals.changed" || e.event === "note.added")).event).toBe("note.added");
    } finally {
      await adminStream.close();
      await agentStream.close();
    }
  });

  it("pushes a declined refund's note into the conversation live", async () => {
    const agent = await t.tokenFor("agent");
    const stream = readSse(await t.app.request("/api/live/stream", { headers: { authorization: `Bearer ${agent}` } }));
    try {
      await stream.next((e) => e.event === "ready");
      const order = store.addOrder({ name: "#5033", fulfillmentStatus: "FULFILLED", lineItems: [{ title: "Glow Routine Bundle", variantTitle: null, sku: "GLOW-BUNDLE", quantity: 2, unitPrice: "62.00" }] });
      const asked = await ask({ kind: "shopify_refund", orderId: order.id }, { token: agent });
      expect((await post(`/api/order-actions/${asked.id}/decision`, { decision: "reject", note: "Ask for photos first" })).status).toBe(200);
      const event = (await stream.next((e) => e.event === "note.added")).data as LiveNoteAddedEvent;
      const [note] = await t.database.db.select().from(notes).where(eq(notes.id, event.noteId));
      expect(event).toEqual({ messageId, noteId: note!.id, authorName: null, mentionsYou: false });
      expect(note!.messageId).toBe(messageId);
      expect(note!.body).toMatch(/^Refund 124\.00 USD on order #5033 in Shopify .*: not done\. Declined by .+: Ask for photos first$/);
    } finally {
      await stream.close();
    }
  });
});
