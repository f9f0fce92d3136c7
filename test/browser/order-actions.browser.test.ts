import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/**
 * An order action in a real browser, on the demo: an agent opens the comment asking to cancel the
 * unshipped #10479, presses "Cancel order", reads exactly what will happen in the confirmation,
 * confirms, and sees the action done (by the emulated Shopify store) in the order panel.
 */
describe.skipIf(!hasChromium)("order actions in the browser", () => {
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

  it("an agent cancels an unfulfilled Shopify order after the confirmation", async () => {
    await agent.goto(`${running.url}/inbox?queue=all&platform=instagram&q=please%20cancel%20order`);
    await agent.locator(".message-row").first().click();
    await agent.waitForURL(/\/inbox\/msg_/);
    const panel = agent.getByRole("region", { name: "Order" });
    await panel.waitFor({ timeout: 20_000 });
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
