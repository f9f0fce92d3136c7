import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { instagramCommentDelivery, signedInstagramPost } from "@surgedesk/devkit/testing/instagram-delivery.ts";
import { TEST_INSTAGRAM_SECRET } from "@surgedesk/devkit/testing/test-app.ts";
import { artifactsDir, hasChromium } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../api/src/auth/bootstrap-users.ts";

// A real browser against the real server: slow on a busy 2-core machine, so allow more than the default.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/** The demo inbox in a real browser, served by the real server from a fresh console build. */
describe.skipIf(!hasChromium)("inbox in the browser", () => {
  let running: RunningSurgedesk;
  let product: BrowserProduct;
  let page: Page;
  const dialogs: string[] = [];
  /** What the browser refused under the console's Content-Security-Policy, over the whole file. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    product = await startProductForBrowser({ INSTAGRAM_APP_SECRET: TEST_INSTAGRAM_SECRET });
    running = product.running;
    page = await product.browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await product?.close();
  });

  it("asks for a sign-in, refuses a wrong password, then signs in with the demo login", async () => {
    const document = await page.goto(running.url);
    expect(document?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.waitForURL(/\/login/);
    // The sign-in page stands alone: no navigation to pages nobody can see yet.
    await page.getByLabel("Email").waitFor();
    expect(await page.getByRole("navigation").count()).toBe(0);
    await page.getByLabel("Email").fill(DEMO_USERS[1]!.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("not right");
    await page.screenshot({ path: join(artifactsDir, "login.png") });
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/inbox/);
    expect(await page.locator(".who").textContent()).toContain("· Agent");
  });

  it("shows the demo inbox at the root URL", async () => {
    await page.goto(running.url);
    await page.waitForURL(/\/inbox/);
    await page.locator(".message-row").first().waitFor();
    // The list is virtualized: only the rows in view (and a few around) are in the page.
    expect(await page.locator(".message-row").count()).toBeGreaterThanOrEqual(10);
    await expect(page.locator(".message-row", { hasText: "REPORTING YOU TO TIKTOK" }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(artifactsDir, "inbox.png") });
  });

  it("opens a message and moves through the list with j and k", async () => {
    const detailText = () => page.locator(".message-detail .body").textContent();
    await page.goto(`${running.url}/inbox?queue=promo_confusion`);
    await page.locator(".message-row", { hasText: "code MARIA15 didnt work at checkout" }).click();
    await page.waitForURL(/\/inbox\/msg_/);
    await page.locator(".message-detail .body", { hasText: "code MARIA15 didnt work at checkout" }).waitFor();
    const first = page.url();

    await page.keyboard.press("j");
    await page.waitForURL((url) => url.toString() !== first);
    await page.locator(".message-detail .body", { hasNotText: "code MARIA15 didnt work at checkout" }).waitFor();
    await page.keyboard.press("k");
    await page.waitForURL(first);
    await expect(detailText()).resolves.toContain("code MARIA15 didnt work at checkout");
    await page.screenshot({ path: join(artifactsDir, "message-detail.png") });
  });

  it("shows the case type and escalation, and lets an agent correct the label", async () => {
    await page.goto(`${running.url}/inbox?escalation=high`);
    const angry = page.locator(".message-row", { hasText: "REPORTING YOU TO TIKTOK" });
    await angry.waitFor();
    expect(await angry.locator(".escalation").textContent()).toBe("high risk");
    await angry.click();
    await page.locator(".classification", { hasText: "Escalation" }).waitFor();

    await page.goto(`${running.url}/inbox?queue=all&q=bestie_ana`);
    await page.locator(".message-row", { hasText: "@bestie_ana we NEED this" }).click();
    const select = page.getByLabel("Case type", { exact: true }).last();
    await select.selectOption("praise");
    await page.locator(".classification", { hasText: "set by an agent" }).waitFor();
    await page.locator(".message-row.selected .label", { hasText: "Praise" }).waitFor();
    await page.screenshot({ path: join(artifactsDir, "label-corrected.png") });
  });

  it("filters by type through the URL", async () => {
    await page.goto(`${running.url}/inbox?kind=dm`);
    await page.locator(".message-row").first().waitFor();
    const kinds = await page.locator(".message-row .kind").allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["DM"]));
  });

  it("renders hostile comment text as text", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const { body } = instagramCommentDelivery({ text: hostile });
    expect((await fetch(`${running.url}/webhooks/instagram`, signedInstagramPost(body))).status).toBe(200);
    await running.ingest.drain();
    await page.goto(`${running.url}/inbox?queue=all`);
    const row = page.locator(".message-row", { hasText: hostile });
    await row.waitFor();
    await row.click();
    await expect(page.locator(".message-detail .body").textContent()).resolves.toBe(hostile);
    // No image made of the comment's text (the post's own cover picture is the only one).
    expect(await page.locator(".message-detail img:not(.post-thumbnail), .message-list img").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("ran every step above under its Content-Security-Policy without a violation", () => {
    expect(cspViolations).toEqual([]);
  });
});
