import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { TEST_INSTAGRAM_SECRET } from "@surgedesk/devkit/testing/test-app.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

// A real browser against the real server: slow on a busy 2-core machine, so allow more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/**
 * Triage in a real browser against the real server (PGlite, demo data): the queues, the
 * keyboard, a comment arriving live, and a colleague's presence on the same message.
 */
describe.skipIf(!hasChromium)("triage console in the browser", () => {
  let running: RunningSurgedesk;
  let browser: Browser;
  let agent: BrowserContext;
  let page: Page;
  let product: BrowserProduct;

  beforeAll(async () => {
    product = await startProductForBrowser({ INSTAGRAM_APP_SECRET: TEST_INSTAGRAM_SECRET });
    ({ running, browser } = product);
    agent = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await signInAsDemoUser(agent, running.url, "agent");
  }, 120_000);

  afterAll(async () => {
    await product?.close();
  });

  it("opens on Needs reply with every queue counted, and shows the first rows fast", async () => {
    // A fresh load of the console, timed from navigation start to the first row on screen.
    const fresh = await agent.newPage();
    await fresh.goto(`${running.url}/inbox`);
    await fresh.locator(".message-row").first().waitFor();
    const firstRowsMs = await fresh.evaluate(() => performance.now());
    console.log(`first rows on screen ${firstRowsMs.toFixed(0)} ms after navigation (localhost, PGlite, demo data)`);
    // The 1.5 s bar is read from the printed figure (docs/console.md); on a loaded CI machine the
    // test only insists that the rows come at all in reasonable time.
    expect(firstRowsMs).toBeLessThan(10_000);
    await fresh.close();

    await page.goto(`${running.url}/inbox`);
    await page.locator(".message-row").first().waitFor();
    const titles = await page.locator(".queue .queue-title").allTextContents();
    expect(titles).toEqual(["Needs reply", "Needs a label", "Order issues", "Promo confusion", "Escalations", "Spam / scam", "Pending", "Done", "All"]);
    expect(await page.locator(".queue.active .queue-title").textContent()).toBe("Needs reply");
    // Most urgent first: the high-risk rows lead the queue.
    expect(await page.locator(".message-row").first().locator(".escalation").textContent()).toBe("high risk");
    await page.screenshot({ path: join(artifactsDir, "triage-queues.png") });

    await page.locator('.queue[data-queue="spam_scam"]').click();
    await page.waitForURL(/queue=spam_scam/);
    await page.locator(".message-row .label", { hasText: "Spam / scam" }).first().waitFor();
    const labels = await page.locator(".message-row .label").allTextContents();
    expect(new Set(labels)).toEqual(new Set(["Spam / scam"]));
  });

  it("triages with the keyboard: move, select, assign to me, label, close, search, shortcuts", async () => {
    await page.goto(`${running.url}/inbox?queue=needs_reply`);
    await page.locator(".message-row").first().waitFor();
    await page.keyboard.press("j");
    await page.waitForURL(/\/inbox\/msg_/);
    await page.locator(".message-detail .body").waitFor();
    const firstId = page.url().match(/msg_[^?]+/)![0];
    await page.keyboard.press("j");
    await page.waitForURL((url) => !url.toString().includes(firstId));
    await page.keyboard.press("k");
    await page.waitForURL((url) => url.toString().includes(firstId));

    await page.keyboard.press("x");
    await page.locator(".bulk-bar", { hasText: "1 selected" }).waitFor();
    await page.keyboard.press("Escape");
    await page.locator(".bulk-bar").waitFor({ state: "detached" });

    await page.keyboard.press("a");
    await page.locator(`[data-message-id="${firstId}"] .assignee`, { hasText: "Sam Agent" }).waitFor();

    await page.keyboard.press("l");
    await page.getByLabel("Find a case type").fill("prais");
    await page.keyboard.press("Enter");
    await page.locator(".classification", { hasText: "set by an agent" }).waitFor();
    await page.locator(`[data-message-id="${firstId}"] .label`, { hasText: "Praise" }).waitFor();
    await page.screenshot({ path: join(artifactsDir, "triage-detail.png") });

    await page.keyboard.press("r");
    await page.locator(".replying .reply-panel").waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest(".reply-panel") !== null)).toBe(true);
    await page.keyboard.press("Escape");

    // e closes it and moves on; it leaves Needs reply.
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("e");
    await page.waitForURL((url) => !url.toString().includes(firstId));
    await page.locator(`[data-message-id="${firstId}"]`).waitFor({ state: "detached" });

    await page.keyboard.press("?");
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    await page.screenshot({ path: join(artifactsDir, "triage-shortcuts.png") });
    await page.keyboard.press("Escape");

    await page.keyboard.press("/");
    await page.keyboard.type("tracking");
    await page.keyboard.press("Enter");
    await page.waitForURL(/q=tracking/);
    // The rows of the previous view stay until the search answers: wait for the list to turn over.
    const rowTexts = () => page.locator(".message-row .text").allTextContents();
    await expect.poll(async () => (await rowTexts()).some((t) => /tracking/i.test(t)), { timeout: 15_000 }).toBe(true);
    // A row matches by its own text, or is a conversation ("· 3") one of whose earlier messages does.
    const rowsMatch = () =>
      page.locator(".message-row").evaluateAll((rows) =>
        rows.every((row) => /tracking/i.test(row.querySelector(".text")?.textContent ?? "") || row.querySelector(".item-size") !== null),
      );
    await expect.poll(rowsMatch, { timeout: 15_000 }).toBe(true);
  });

  it("shows a new comment the moment it is stored, without a reload, keeping the agent's place", async () => {
    await page.goto(`${running.url}/inbox?queue=all`);
    await page.locator(".message-row").first().waitFor();
    await page.locator(".live.on").waitFor();
    const marker = await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = Math.random()));
    const text = `just saw the live drop, is the serum back? ${Date.now()}`;
    const { body } = instagramCommentDelivery({ text });
    expect((await fetch(`${running.url}/webhooks/instagram`, signedInstagramPost(body))).status).toBe(200);
    await page.locator(".message-row", { hasText: text }).waitFor({ timeout: 10_000 });
    // Still the same page: nothing reloaded.
    expect(await page.evaluate(() => (globalThis as unknown as { marker: number }).marker)).toBe(marker);
    await page.screenshot({ path: join(artifactsDir, "triage-live.png") });
  });

  it("keeps the keyboard's focus, and its visible ring, on the same row while the list updates live", async () => {
    await page.goto(`${running.url}/inbox?queue=all`);
    await page.locator(".message-row").first().waitFor();
    await page.locator(".live.on").waitFor();
    // Reach the third row with the keyboard, as an agent would.
    await page.locator(".message-row").nth(3).focus();
    await page.keyboard.press("Shift+Tab");
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { id: element.dataset.messageId ?? null, ring: element.matches(":focus-visible") && getComputedStyle(element).outlineStyle !== "none" };
      });
    const before = await focused();
    expect(before.id).toMatch(/^msg_/);
    expect(before.ring).toBe(true);

    const text = `is the serum back in stock? ${Date.now()}`;
    const { body } = instagramCommentDelivery({ text });
    expect((await fetch(`${running.url}/webhooks/instagram`, signedInstagramPost(body))).status).toBe(200);
    await page.locator(".message-row", { hasText: text }).waitFor({ timeout: 10_000 });
    expect(await focused()).toEqual(before);
    await page.screenshot({ path: join(artifactsDir, "triage-live-focus.png") });
  });

  it("says when a colleague is viewing or replying to the same message", async () => {
    await page.goto(`${running.url}/inbox?queue=all`);
    await page.locator(".message-row").first().click();
    await page.waitForURL(/\/inbox\/msg_/);
    const url = page.url();

    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const admin = await signInAsDemoUser(adminContext, running.url, "admin");
      await admin.goto(url);
      await admin.locator(".message-detail .body").waitFor();
      await page.locator(".presence", { hasText: "Avery Admin is viewing this message." }).waitFor({ timeout: 10_000 });
      await admin.keyboard.press("r");
      await page.locator(".presence", { hasText: "Avery Admin is replying to this message." }).waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(artifactsDir, "triage-presence.png") });
      await admin.close({ runBeforeUnload: true });
      await page.locator(".presence").waitFor({ state: "detached", timeout: 10_000 });
    } finally {
      await adminContext.close();
    }
  });
});
