import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import { and, eq, inArray, ilike } from "drizzle-orm";
import { auditEvents, connectedAccounts, messages } from "../../api/src/db/schema/index.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";
import { DEMO_OAUTH_HANDLES } from "@surgedesk/devkit/demo/demo-oauth.ts";

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const shoot = (page: Page, name: string) => page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });

/**
 * Connecting accounts the way an admin does, in demo mode: "Connect" in Settings, the emulated
 * platform's consent page, back to Settings with the account listed — and then its first
 * comments, gathered by the pollers, in the inbox.
 */
describe.skipIf(!hasChromium)("connecting Instagram and TikTok accounts through their OAuth flows", () => {
  let product: BrowserProduct;
  let url: string;

  beforeAll(async () => {
    product = await startProductForBrowser();
    url = product.running.url;
  });
  afterAll(async () => {
    await product?.close();
  });

  /** Waits until the pollers have stored a comment with this text (they run on their own). */
  async function stored(text: string) {
    const db = product.running.database.db;
    await expect
      .poll(async () => (await db.select({ id: messages.id }).from(messages).where(ilike(messages.text, `%${text}%`))).length, { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(0);
  }

  /** The comment as an agent finds it: the All queue, searched by its words. */
  async function seeInInbox(page: Page, text: string, search: string) {
    await page.goto(`${url}/inbox?queue=all&q=${encodeURIComponent(search)}`);
    await page.getByText(text).first().waitFor({ timeout: 15_000 });
  }

  it("connects an emulated Instagram account from Settings at 1440×900, then its first comments arrive", async () => {
    const page = await signInAsDemoUser(await product.browser.newContext({ viewport: DESKTOP }), url, "admin");
    await page.goto(`${url}/settings/accounts`);
    await page.getByRole("heading", { name: "Connect an account" }).waitFor();
    await shoot(page, "connect-accounts-before-desktop");

    // Deny first: back in Settings with the refusal in words, and nothing connected.
    await page.getByRole("button", { name: "Connect Instagram" }).click();
    await page.getByRole("heading", { name: /Allow Surgedesk to manage @glowbar\.studio\?/ }).waitFor();
    await page.getByRole("link", { name: "Deny" }).click();
    await page.waitForURL(/\/settings\/accounts\?oauth=denied/);
    await page.getByRole("alert").filter({ hasText: "Instagram was not connected: the permission was declined on Instagram's page." }).waitFor();

    await page.getByRole("button", { name: "Connect Instagram" }).click();
    await page.getByRole("heading", { name: /Allow Surgedesk to manage @glowbar\.studio\?/ }).waitFor();
    await shoot(page, "connect-instagram-consent-desktop");
    await page.getByRole("link", { name: "Allow" }).click();
    await page.waitForURL(/\/settings\/accounts\?oauth=connected&channel=instagram/);
    await page.getByRole("status").filter({ hasText: `Connected Instagram @${DEMO_OAUTH_HANDLES.instagram}.` }).waitFor();
    const listed = page.getByRole("listitem", { name: `@${DEMO_OAUTH_HANDLES.instagram}` });
    await listed.getByText("Connected", { exact: true }).waitFor();
    await shoot(page, "connect-instagram-connected-desktop");

    const db = product.running.database.db;
    const [account] = await db.select().from(connectedAccounts).where(and(eq(connectedAccounts.channel, "instagram"), eq(connectedAccounts.handle, DEMO_OAUTH_HANDLES.instagram)));
    expect(account).toMatchObject({ status: "active" });
    // "connect", or "reconnect" when a delivery for the account arrived first and attached it for
    // an admin's attention: either way the OAuth flow is what connected it.
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, account!.id), inArray(auditEvents.action, ["account.connect", "account.reconnect"])));
    expect(audit.some((entry) => (entry.after as { via?: string } | null)?.via === "oauth")).toBe(true);

    // Its reel's comments, gathered by polling the (emulated) Graph API, reach the inbox.
    await stored("my order from the studio sale never shipped");
    await seeInInbox(page, "my order from the studio sale never shipped", "studio sale");
    await shoot(page, "connect-instagram-first-comments-desktop");
    // Settings now tells when the account was last polled.
    await page.goto(`${url}/settings/accounts`);
    await page.getByRole("listitem", { name: `@${DEMO_OAUTH_HANDLES.instagram}` }).getByText(/^Last polled /).waitFor();
    await page.close();
  });

  it("connects an emulated TikTok account from Settings at 390×844, then its first comments arrive", async () => {
    const page = await signInAsDemoUser(await product.browser.newContext({ viewport: PHONE }), url, "admin");
    await page.goto(`${url}/settings/accounts`);
    await page.getByRole("button", { name: "Connect TikTok Business" }).click();
    await page.getByRole("heading", { name: /Allow Surgedesk to manage @glowbar\.studio\?/ }).waitFor();
    await shoot(page, "connect-tiktok-consent-phone");
    const allow = page.getByRole("link", { name: "Allow" });
    const redirect = (await allow.getAttribute("href"))!;
    await allow.click();
    await page.waitForURL(/\/settings\/accounts\?oauth=connected&channel=tiktok_business/);
    await page.getByRole("status").filter({ hasText: `Connected TikTok Business @${DEMO_OAUTH_HANDLES.tiktok}.` }).waitFor();
    const listed = page.getByRole("listitem", { name: `@${DEMO_OAUTH_HANDLES.tiktok}` }).last();
    await listed.getByText(/is renewed automatically before then/).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
    await shoot(page, "connect-tiktok-connected-phone");

    // The platform's redirect once more (a replayed link): refused in words, nothing changes.
    await page.goto(redirect);
    await page.waitForURL(/\/settings\/accounts\?oauth=state_used/);
    await page.getByRole("alert").filter({ hasText: "already used once" }).waitFor();

    await stored("ordered last week, still no tracking number");
    await seeInInbox(page, "ordered last week, still no tracking number", "tracking number");
    await shoot(page, "connect-tiktok-first-comments-phone");
    await page.close();
  });

  it("shows the accounts page with both connected at both sizes", async () => {
    for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const page = await signInAsDemoUser(await product.browser.newContext({ viewport }), url, "admin");
      await page.goto(`${url}/settings/accounts`);
      await page.getByRole("listitem", { name: `@${DEMO_OAUTH_HANDLES.tiktok}` }).first().waitFor();
      await page.getByRole("button", { name: /^Reconnect @glowbar\.studio through Instagram$/ }).waitFor();
      await shoot(page, `connect-accounts-after-${name}`);
      await page.close();
    }
  });
});
