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

  it("keeps each author on one line: a long name does not run into the text under it", async () => {
    // Instagram DMs come without a public handle: the longest name a row shows.
    const dms = await signInAsDemoUser(await product.browser.newContext({ viewport: PHONE }), product.running.url, "agent");
    await dms.goto(`${product.running.url}/inbox?queue=all&platform=instagram&kind=dm`);
    const authors = dms.locator(".message-row .author");
    await authors.filter({ hasText: "A customer without a public handle" }).first().waitFor();
    const lineHeight = await dms.locator(".message-row .text").first().evaluate((el) => el.getBoundingClientRect().height);
    for (const height of await authors.evaluateAll((all) => all.map((el) => el.getBoundingClientRect().height))) expect(height).toBeLessThan(lineHeight * 1.5);
    await dms.context().close();
  });

  it("shows every page's link of the navigation on screen, an admin's longest one included", async () => {
    const admin = await signInAsDemoUser(await product.browser.newContext({ viewport: PHONE }), product.running.url, "admin");
    const nav = admin.getByRole("navigation", { name: "Main" });
    // Classifier is the admin's own link: once it is drawn, the navigation is complete.
    await nav.getByRole("link", { name: "Classifier" }).waitFor();
    const links = nav.getByRole("link");
    expect(await links.allTextContents()).toEqual(["Inbox", "Orders", "Spikes", "Macros", "Classifier", "Settings"]);
    for (const box of await links.evaluateAll((all) => all.map((link) => link.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(PHONE.width);
    }
    await admin.context().close();
  });

  it("opens a message on its own screen and goes back to the same list", async () => {
    const row = page.locator(".message-row").nth(2);
    // The row's author line ends with the conversation's size ("@buyer · 6"); the heading is the author.
    const author = (await row.locator(".author").textContent())!.replace(/ · \d+$/, "");
    await row.click();
    await page.waitForURL(/\/inbox\/msg_/);
    const detail = page.getByRole("region", { name: "Message", exact: true });
    await detail.getByRole("heading", { level: 2 }).waitFor();
    expect(await detail.getByRole("heading", { level: 2 }).textContent()).toBe(author);
    expect(await page.getByRole("region", { name: "Messages", exact: true }).isVisible()).toBe(false);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: join(artifactsDir, "phone-message.png") });
    // No keyboard hints on a phone: "Add a tag", not "Add a tag t".
    const addTag = detail.locator(".item-tags button");
    expect(await addTag.isVisible()).toBe(true);
    expect(await addTag.locator("kbd").isVisible()).toBe(false);
    // The message's actions sit in a bar along the bottom of the screen, in reach of the thumb.
    const bar = await detail.getByRole("toolbar", { name: "Message actions" }).boundingBox();
    expect(bar!.y + bar!.height).toBeGreaterThan(PHONE.height - 2);
    expect(bar!.width).toBeGreaterThan(PHONE.width - 2);
    // Every action is on the screen, none hidden past its edge.
    for (const action of await detail.getByRole("toolbar", { name: "Message actions" }).locator(":scope > *").all()) {
      const box = (await action.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.getByRole("link", { name: "← Back to the list" }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
    await page.locator(".message-row").first().waitFor();
  });

  it("keeps the reply composer usable with the on-screen keyboard up: the bar steps aside", async () => {
    await page.locator(".message-row").first().click();
    await page.waitForURL(/\/inbox\/msg_/);
    const detail = page.getByRole("region", { name: "Message", exact: true });
    await detail.getByRole("toolbar", { name: "Message actions" }).getByRole("button", { name: "Reply" }).click();
    const composer = detail.getByRole("region", { name: "Reply" }).locator("textarea").first();
    await composer.click();
    // The keyboard takes the lower ~40% of the screen; the page shrinks above it.
    await page.setViewportSize({ width: PHONE.width, height: 500 });
    await composer.fill("Thanks for waiting, checking it now");
    expect(await composer.inputValue()).toBe("Thanks for waiting, checking it now");
    expect(await detail.getByRole("toolbar", { name: "Message actions" }).isVisible()).toBe(false);
    const box = await composer.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(500);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await overflowsSideways(page)).toBe(false);
    await page.screenshot({ path: join(artifactsDir, "phone-composer-keyboard.png") });
    await page.setViewportSize(PHONE);
    await page.getByRole("link", { name: "← Back to the list" }).click();
    await page.waitForURL((url) => url.pathname === "/inbox");
  });

  it("shows the list and the open message side by side on a 768 px tablet", async () => {
    const tablet = await product.browser.newContext({ viewport: { width: 768, height: 1024 } });
    try {
      const tabletPage = await signInAsDemoUser(tablet, product.running.url, "agent");
      await tabletPage.locator(".message-row").first().click();
      await tabletPage.waitForURL(/\/inbox\/msg_/);
      const list = await tabletPage.getByRole("region", { name: "Messages", exact: true }).boundingBox();
      const detail = tabletPage.getByRole("region", { name: "Message", exact: true });
      await detail.getByRole("heading", { level: 2 }).waitFor();
      const message = await detail.boundingBox();
      expect(list!.width).toBeGreaterThan(280);
      expect(message!.width).toBeGreaterThan(360);
      expect(message!.x).toBeGreaterThanOrEqual(list!.x + list!.width - 1);
      expect(await overflowsSideways(tabletPage)).toBe(false);
      await tabletPage.screenshot({ path: join(artifactsDir, "tablet-inbox.png") });
    } finally {
      await tablet.close();
    }
  });

  it.each(["/spikes", "/macros"])("keeps %s within the screen", async (path) => {
    await page.goto(`${product.running.url}${path}`);
    await page.locator("h1, h2").first().waitFor();
    await page.waitForTimeout(300); // charts size themselves to their box after the first paint
    expect(await overflowsSideways(page)).toBe(false);
    // Every chart fits its box (a ResizeObserver redraws it to the box's width).
    const charts = await page.locator(".chart").evaluateAll((figures) =>
      figures.map((figure) => ({ box: figure.clientWidth, canvas: figure.querySelector("canvas")?.getBoundingClientRect().width ?? 0 })),
    );
    for (const chart of charts) expect(chart.canvas).toBeLessThanOrEqual(chart.box);
    await page.screenshot({ path: join(artifactsDir, `phone-${path.slice(1)}.png`) });
  });
});
