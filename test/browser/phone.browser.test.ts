import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const PHONE = { width: 390, height: 844 };

/** Nothing on the page is wider than the screen: no sideways scrolling, nothing cut off. */
async function overflowsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/** The console on a phone: one column, list → message → back, every page within the screen. */
describe.skipIf(!hasChromium)("the console at 390×844", () => {
  let product: BrowserProduct;
  let page: Page;

  beforeAll(async () => {
    product = await startProductForBrowser();
    await product.running.sync.drain();
    await product.running.ingest.drain();
    page = await signInAsDemoUser(await product.browser.newContext({ viewport: PHONE }), product.running.url, "agent");
  });
  afterAll(async () => {
    await product?.close();
  });

  it("shows the list across the whole screen, the queues as a strip and the filters folded", async () => {
    await page.locator(".message-row").first().waitFor();
    const list = await page.getByRole("region", { name: "Messages", exact: true }).boundingBox();
    expect(list!.width).toBeGreaterThan(PHONE.width - 2);
    expect(await page.getByRole("region", { name: "Message", exact: true }).isVisible()).toBe(false);
    expect(await page.getByLabel("Platform").isVisible()).toBe(false);
    await page.getByRole("button", { name: "Filters" }).click();
    expect(await page.getByLabel("Platform").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Filters" }).click();
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: join(artifactsDir, "phone-inbox.png") });
  });

  it("opens a message on its own screen and goes back to the same list", async () => {
    const row = page.locator(".message-row").nth(2);
    const author = (await row.locator(".author").textContent())!;
    await row.click();
    await page.waitForURL(/\/inbox\/msg_/);
    const detail = page.getByRole("region", { name: "Message", exact: true });
    await detail.getByRole("heading", { level: 2 }).waitFor();
    expect(await detail.getByRole("heading", { level: 2 }).textContent()).toBe(author);
    expect(await page.getByRole("region", { name: "Messages", exact: true }).isVisible()).toBe(false);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: join(artifactsDir, "phone-message.png") });
    await page.getByRole("link", { name: "← Back to the list" }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    await page.locator(".message-row").first().waitFor();
  });

  it.each(["/spikes", "/macros"])("keeps %s within the screen", async (path) => {
    await page.goto(`${product.running.url}${path}`);
    await page.locator("h1, h2").first().waitFor();
    await page.waitForTimeout(300); // charts size themselves to their box after the first paint
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: join(artifactsDir, `phone-${path.slice(1)}.png`) });
  });
});
