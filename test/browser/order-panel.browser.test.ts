import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/**
 * The order panel in a real browser, on the demo: an agent opens a buyer's "where is it?" DM
 * (their order number was in their first DM) and sees the order with its items and tracking, and
 * the WISMO macro filled; on a comment that names no order, the reason in words and the search box.
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
    await expect.poll(() => panel.textContent()).toContain("Found by order number #10391, which this buyer gave in another message.");
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
  });

  it("says why when a comment names no order, and finds one typed into the search box", async () => {
    const panel = await open("platform=instagram&kind=comment&q=broken%20pump");
    await expect.poll(() => panel.textContent()).toContain("The message names no order number");
    await panel.getByLabel("Search orders").fill("10482");
    await panel.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => panel.locator(".order-search .order-head").first().textContent(), { timeout: 20_000 }).toMatch(/#10482.*In transit/);
    expect(await panel.locator(".order-search").getByRole("link").first().textContent()).toBe("1Z999AA10123456782");
  });
});
