import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

/**
 * A viewer reads everything and changes nothing, and is told so: the message's actions are
 * there but disabled, with the reason beside them, and a shortcut that would change a message
 * says why it did nothing instead of failing silently.
 */
describe.skipIf(!hasChromium)("the console for a viewer", () => {
  let product: BrowserProduct;
  let page: Page;

  beforeAll(async () => {
    product = await startProductForBrowser();
    await product.running.ingest.drain();
    page = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), product.running.url, "viewer");
  });
  afterAll(async () => {
    await product?.close();
  });

  it("shows a message's actions disabled with the reason, and says why a shortcut did nothing", async () => {
    await page.goto(`${product.running.url}/inbox?queue=all`);
    await page.locator(".message-row").first().click();
    await page.waitForURL(/\/inbox\/msg_/);
    const toolbar = page.getByRole("toolbar", { name: "Message actions" });
    await toolbar.waitFor();
    for (const name of ["Reply", "Assign to me", "Mark spam"]) expect(await toolbar.getByRole("button", { name }).isDisabled(), name).toBe(true);
    expect(await page.locator("#read-only-reason").textContent()).toMatch(/^Viewers can read the inbox but not change or answer messages/);
    expect(await toolbar.getAttribute("aria-describedby")).toBe("read-only-reason");
    // The composer is there, disabled, with the same reason.
    const composer = page.locator(".composer");
    await composer.locator(".role-note").getByText(/^Viewers can read the inbox/).waitFor();
    expect(await composer.locator("textarea").isDisabled()).toBe(true);
    expect(await composer.getByRole("button", { name: "Send", exact: true }).isDisabled()).toBe(true);

    const status = await page.locator(".message-detail .status").textContent();
    await page.locator("body").press("e");
    await page.locator(".key-problem").getByText(/^Viewers can read the inbox/).waitFor();
    expect(await page.locator(".message-detail .status").textContent()).toBe(status);
    await page.screenshot({ path: join(artifactsDir, "viewer-message.png") });
    await page.locator(".key-problem").getByRole("button", { name: "Dismiss" }).click();
    expect(await page.locator(".key-problem").count()).toBe(0);
  });
});
