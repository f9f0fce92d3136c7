import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/**
 * The order panel in a real browser, on the demo: an agent opens a buyer's "where is it?" DM
 * (their order number was in their first DM) and sees the order with its items and tracking, and
 * the WISMO macro filled; on a comment that names no order, the reason in words and the search box;
 * on the comment asking to cancel the unshipped #10479, "Cancel order", the confirmation saying
 * exactly what will happen, and the action done by the emulated Shopify store.
 */
describe.skipIf(!hasChromium)("order panel in the browser", () => {
  let running: RunningSurgedesk;
  let agent: Page;
  let product: BrowserProduct;

  beforeAll(async () => {
    product = await startProductForBrowser();
    ({ running } = product);
    agent = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "agent");
  });

  afterAll(async () => {
    await product?.close();
  });

  const open = async (query: string) => {
    await agent.goto(`${running.url}/inbox?queue=all&${query}`);
    await agent.locator(".message-row").first().click();
    await agent.waitForURL(/\/inbox\/msg_/);
    const panel = agent.getByRole("region", { name: "Order" });
    await panel.waitFor({ timeout: 20_000 });
    return panel;
  };

  it("shows a WISMO DM's order with its source, items and tracking, and fills the WISMO macro", async () => {
    const panel = await open("platform=instagram&kind=dm&q=can%20someone%20please%20answer");
    // Found by the number the buyer gave in their first DM: when the item is opened, or already in
    // the background after ingestion, which linked the order to the buyer.
    await expect
      .poll(() => panel.textContent())
      .toMatch(/Found by order number #10391, which this buyer gave in another message\.|Linked to this buyer: found earlier by order number #10391\./);
    expect(await panel.locator(".order-head").first().textContent()).toMatch(/Shopify.*#10391.*Delivered/);
    expect(await panel.getByRole("list", { name: "Items" }).first().textContent()).toContain("1 × Vitamin C Glow Serum · 30 ml");
    const tracking = panel.getByRole("list", { name: "Shipments" }).first().getByRole("link");
    expect(await tracking.textContent()).toBe("9400111899223344556691");
    expect(await tracking.getAttribute("href")).toBe("https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556691");
    // The buyer's earlier order, refunded as not received: a repeat claim an agent should see.
    await panel.getByText("1 other order of this buyer").click();
    expect(await panel.locator(".order-others").textContent()).toMatch(/#10288.*Refund.*Delivered, not received/);

    const reply = agent.getByRole("region", { name: "Reply" });
    const wismo = reply.locator("ol.suggestions li", { hasText: "Order status (WISMO)" });
    await wismo.waitFor();
    expect(await wismo.locator(".var-missing").count()).toBe(0);
    expect(await wismo.textContent()).toContain("Order #10391 is delivered. You can follow it here: https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556691");
    await agent.screenshot({ path: join(artifactsDir, "order-panel.png") });

    // Sent as suggested: the text that goes to Instagram has every variable filled.
    const messageId = /\/inbox\/(msg_[^/?#]+)/.exec(agent.url())![1]!;
    await wismo.getByRole("button", { name: "Use" }).click();
    const draft = reply.getByLabel("Reply in the DM");
    await expect.poll(() => draft.inputValue()).toContain("Order #10391 is delivered.");
    expect(await draft.inputValue()).not.toContain("{{");
    await reply.getByRole("button", { name: "Send", exact: true }).click();
    await expect.poll(async () => reply.getByRole("list", { name: "Replies and notes" }).locator("li.outbox-sent").count(), { timeout: 60_000, interval: 250 }).toBe(1);
    const res = await agent.request.get(`${running.url}/api/replies/${messageId}/outbox`);
    const { items } = (await res.json()) as { items: { kind: string; status: string; text: string }[] };
    expect(items).toHaveLength(1);
    expect(items[0]!.status).toBe("sent");
    expect(items[0]!.text).not.toContain("{{");
    expect(items[0]!.text).toContain("https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223344556691");
  });

  it("says why when a comment names no order, and finds one typed into the search box", async () => {
    const panel = await open("platform=instagram&kind=comment&q=broken%20pump");
    await expect.poll(() => panel.textContent()).toContain("The message names no order number");
    await panel.getByLabel("Search orders").fill("10482");
    await panel.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => panel.locator(".order-search .order-head").first().textContent(), { timeout: 20_000 }).toMatch(/#10482.*In transit/);
    expect(await panel.locator(".order-search").getByRole("link").first().textContent()).toBe("1Z999AA10123456782");
  });

  it("lists the late order with the buyers waiting on it on the Orders page, and answers each once with Reply to all", async () => {
    await agent.goto(`${running.url}/orders`);
    const delayed = agent.getByRole("region", { name: /^Delayed/ });
    const card = delayed.getByRole("article", { name: /#10482/ });
    // The TikTok comment quoting #10482 is gathered by the poller: wait for it rather than for a time.
    await expect
      .poll(
        async () => {
          if ((await card.count()) > 0 && (await card.locator(".waiting-buyers li").count()) >= 2) return true;
          await agent.reload();
          await delayed.waitFor({ timeout: 20_000 });
          return false;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(true);
    expect(await card.locator(".queued-order-why").textContent()).toMatch(/Shipped but not delivered \d+ days after it was ordered/);
    const waiting = await card.locator(".waiting-buyers li").allTextContents();
    const ready = waiting.filter((line) => !line.includes("reply needs")).length;
    expect(ready).toBeGreaterThanOrEqual(2);

    await card.getByRole("button", { name: `Reply to all ${ready} buyers` }).click();
    const dialog = agent.getByRole("dialog");
    const previews = await dialog.locator(".bulk-reply-preview li").allTextContents();
    expect(previews).toHaveLength(ready);
    for (const text of previews) {
      expect(text).toContain("#10482");
      expect(text).not.toContain("{{");
    }
    const sent = agent.waitForResponse((r) => r.url().endsWith("/api/orders/queues/reply") && r.request().method() === "POST");
    await dialog.getByRole("button", { name: `Send ${ready} replies` }).click();
    const body = (await (await sent).json()) as { results: { messageId: string; queued: boolean; outboxIds: string[]; problem: string | null }[] };
    // One answer per buyer: each queued once, or refused by its platform with the reason in words.
    expect(body.results).toHaveLength(ready);
    expect(new Set(body.results.map((r) => r.messageId)).size).toBe(ready);
    for (const r of body.results) expect(r.queued ? r.outboxIds.length === 1 : (r.problem ?? "").length > 0).toBe(true);
    expect(body.results.filter((r) => r.queued).length).toBeGreaterThanOrEqual(1);
    await card.getByRole("status").or(card.locator(".notice")).first().waitFor();
    await agent.screenshot({ path: join(artifactsDir, "orders-page-reply-all.png") });

    // Each queued reply reaches its platform, with every variable filled.
    for (const r of body.results.filter((x) => x.queued)) {
      await expect
        .poll(
          async () => {
            const res = await agent.request.get(`${running.url}/api/replies/${r.messageId}/outbox`);
            const { items } = (await res.json()) as { items: { status: string; text: string }[] };
            return items.map((i) => [i.status, i.text.includes("{{")]);
          },
          { timeout: 60_000, interval: 500 },
        )
        .toEqual([["sent", false]]);
    }
  });

  it("an agent cancels an unfulfilled Shopify order after the confirmation", async () => {
    const panel = await open("platform=instagram&q=please%20cancel%20order");
    await expect.poll(() => panel.textContent(), { timeout: 20_000 }).toContain("#10479");

    await panel.getByRole("button", { name: "Cancel order" }).click();
    const dialog = agent.getByRole("dialog", { name: "Cancel order?" });
    await dialog.waitFor();
    const summary = dialog.getByTestId("order-action-summary");
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toBe(
      "Cancel order #10479 in Shopify (reason: customer), refund 50.31 USD to the original payment method and restock its items. Shopify emails the customer.",
    );
    expect(await dialog.textContent()).toContain("Done byShopify");
    await agent.screenshot({ path: join(artifactsDir, "order-action-confirm.png") });
    await dialog.getByRole("button", { name: "Confirm: cancel order" }).click();
    await dialog.waitFor({ state: "detached" });

    const taken = panel.getByRole("list", { name: "Order actions taken" });
    await expect
      .poll(() => taken.textContent(), { timeout: 30_000 })
      .toContain("Cancelled order #10479 in Shopify; 50.31 USD refunded to the original payment method, items restocked.");
    expect(await taken.textContent()).toContain("Done");
    await agent.screenshot({ path: join(artifactsDir, "order-action-done.png") });
  });
});
