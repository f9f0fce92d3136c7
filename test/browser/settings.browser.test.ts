import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { connectedAccounts, inboundEvents } from "../../api/src/db/schema/index.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const SETTINGS_PAGES = ["/settings", "/settings/users", "/settings/tokens", "/settings/accounts", "/settings/audit", "/settings/ingest", "/settings/sla"];
/** Set SETTINGS_SHOTS to a folder to keep a copy of every screenshot there too. */
const extraShots = process.env.SETTINGS_SHOTS;

async function shoot(page: Page, name: string) {
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (extraShots) {
    mkdirSync(extraShots, { recursive: true });
    copyFileSync(path, join(extraShots, `${name}.png`));
  }
}

const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
const shotName = (path: string) => path.slice(1).replace(/\//g, "-");

/** The settings area as an admin uses it, and what an agent sees of it. */
describe.skipIf(!hasChromium)("settings in the browser", () => {
  let product: BrowserProduct;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    product = await startProductForBrowser();
    url = product.running.url;
    page = await signInAsDemoUser(await product.browser.newContext({ viewport: DESKTOP }), url, "admin");
  });
  afterAll(async () => {
    await product?.close();
  });

  it("adds a user, changes their role and disables them, who then cannot sign in", async () => {
    await page.getByRole("link", { name: "Settings", exact: true }).first().click();
    await page.waitForURL(/\/settings$/);
    await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Users and roles" }).click();
    await page.getByRole("heading", { name: "Users and roles" }).waitFor();

    await page.getByLabel("Email").fill("kim.tester@example.com");
    await page.getByLabel("Name").fill("Kim Tester");
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByText("Use at least 10 characters.").first().waitFor();
    await page.getByLabel("Initial password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByRole("status").filter({ hasText: "Added Kim Tester as Agent." }).waitFor();

    const kim = page.getByRole("listitem", { name: "Kim Tester" });
    await kim.getByLabel("Role").selectOption({ label: "Viewer" });
    await kim.getByRole("button", { name: "Change role" }).click();
    await kim.getByRole("status").filter({ hasText: "Kim Tester is now Viewer." }).waitFor();

    // Escape closes the question without doing anything.
    await kim.getByRole("button", { name: "Disable Kim Tester" }).click();
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await kim.textContent()).toContain("Active");
    await kim.getByRole("button", { name: "Disable Kim Tester" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disable Kim Tester" }).click();
    await kim.getByRole("status").filter({ hasText: "Kim Tester is disabled" }).waitFor();
    expect(await kim.textContent()).toContain("Disabled");
    await kim.getByRole("button", { name: "Re-enable" }).waitFor();

    // The API refuses to disable yourself; its words are shown.
    const me = page.getByRole("listitem", { name: "Avery Admin" });
    await me.getByRole("button", { name: "Disable Avery Admin" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Disable Avery Admin" }).click();
    await me.getByRole("alert").filter({ hasText: "You cannot disable yourself" }).waitFor();
    await shoot(page, "settings-users-desktop");

    const other = await product.browser.newPage();
    await other.goto(`${url}/login`);
    await other.getByLabel("Email").fill("kim.tester@example.com");
    await other.getByLabel("Password").fill("a-long-enough-password");
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.getByRole("alert").waitFor();
    expect(other.url()).toMatch(/\/login/);
    await other.close();
  });

  it("creates a token, shows its secret once, and revokes it", async () => {
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.getByRole("heading", { name: "API tokens" }).waitFor();
    await page.getByText("No tokens yet.").waitFor();
    await page.getByLabel("Name").fill("Order sync");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByRole("region", { name: "New token" });
    await secret.waitFor();
    expect(await secret.textContent()).toContain("it will not be shown again");
    const token = await secret.getByLabel("Token").inputValue();
    expect(token.length).toBeGreaterThan(20);
    const listed = page.getByRole("listitem", { name: "Order sync" });
    await listed.waitFor();
    expect(await listed.textContent()).toContain("Avery Admin (Admin)");
    await shoot(page, "settings-tokens-desktop");
    await secret.getByRole("button", { name: "I have copied it" }).click();
    await secret.waitFor({ state: "detached" });
    await page.reload();
    await listed.waitFor();
    expect(await page.content()).not.toContain(token);

    await listed.getByRole("button", { name: "Revoke Order sync" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke Order sync" }).click();
    await page.getByRole("status").filter({ hasText: 'Revoked "Order sync"' }).waitFor();
    await page.getByText("No tokens yet.").waitFor();
    const answer = await page.request.get(`${url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status()).toBe(401);
  });

  it("changes the default SLA policy's targets, saying what is wrong first", async () => {
    await page.getByRole("link", { name: "Response targets" }).click();
    const fallback = page.getByRole("listitem").filter({ hasText: "every message no policy above fits" });
    const warning = fallback.getByRole("group", { name: "Due soon after" });
    const breach = fallback.getByRole("group", { name: "Late after" });
    await warning.getByLabel("Hours").fill("30");
    await page.getByRole("button", { name: "Save policies" }).click();
    await page.getByRole("alert").filter({ hasText: "Default: “Due soon” must come before" }).waitFor();
    await warning.getByLabel("Hours").fill("2");
    await warning.getByLabel("Minutes").fill("30");
    await breach.getByLabel("Hours").fill("6");
    await breach.getByLabel("Minutes").fill("0");
    await page.getByRole("button", { name: "Save policies" }).click();
    await page.getByRole("status").filter({ hasText: "Messages waiting for an answer now follow these policies." }).waitFor();
    await shoot(page, "settings-sla-desktop");
  });

  it("reads what those actions did in the audit log, and narrows it to one user", async () => {
    await page.getByRole("link", { name: "Audit log" }).click();
    const entries = page.getByRole("list", { name: "Audit entries" });
    await entries.getByText("changed the SLA policies of").waitFor();
    const text = (await entries.textContent())!;
    for (const line of [
      "Avery Admin changed the SLA policies of the workspace",
      "Warning after: 12 h → 2 h 30 min",
      "Avery Admin revoked API token Order sync",
      "Avery Admin created API token Order sync",
      "Avery Admin disabled user Kim Tester",
      "Disabled: no → yes",
      "Avery Admin changed user Kim Tester",
      "Role: Agent → Viewer",
      "Avery Admin added user Kim Tester",
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain("{");
    await shoot(page, "settings-audit-desktop");
    await entries.getByRole("button", { name: "All entries about Kim Tester" }).first().click();
    await page.waitForURL(/object=/);
    await page.getByText("Only the entries about Kim Tester.").waitFor();
    await expect.poll(() => entries.locator(":scope > li").count()).toBe(3);

    // Who, did what, and when: the filters go into the URL and narrow the list.
    const filters = page.getByRole("search", { name: "Filter the audit log" });
    await filters.getByRole("button", { name: "Show all" }).click();
    await page.waitForURL((url) => !url.search.includes("object="));
    await filters.getByLabel("Who").selectOption({ label: "Avery Admin" });
    await filters.getByLabel("Did what").selectOption({ label: "Revoked API token" });
    await filters.getByRole("button", { name: "Show entries" }).click();
    await page.waitForURL(/action=token\.revoke/);
    await expect.poll(() => entries.locator(":scope > li").count()).toBe(1);
    expect(await entries.textContent()).toContain("Avery Admin revoked API token Order sync");
    // Days are the user's own: a range that ended yesterday holds none of today's changes.
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString("en-CA");
    await filters.getByLabel("Until").fill(yesterday);
    await filters.getByRole("button", { name: "Show entries" }).click();
    await page.getByText("No entry matches these filters.").waitFor();
    await shoot(page, "settings-audit-filtered-desktop");
  });

  it("shows the accounts and the ingest status in words, and re-queues a failed event", async () => {
    const { db } = product.running.database;
    const [instagram] = await db.select({ id: connectedAccounts.id }).from(connectedAccounts).where(eq(connectedAccounts.channel, "instagram"));
    await db.insert(inboundEvents).values({
      platform: "instagram",
      source: "poll",
      format: "instagram.graph_comments",
      accountId: instagram!.id,
      body: "{}",
      status: "failed",
      attempts: 5,
      lastError: "unexpected shape: entry",
    });
    await page.getByRole("link", { name: "Connected accounts" }).click();
    await page.getByRole("heading", { name: "Connect or reconnect an account" }).waitFor();
    await page.getByLabel("Platform").selectOption({ label: "TikTok Shop" });
    await page.getByLabel("Shop cipher").waitFor();
    await shoot(page, "settings-accounts-desktop");
    await page.getByRole("link", { name: "Ingest status" }).click();
    await page.getByText("Waiting to be processed").waitFor();
    const failed = page.getByRole("list", { name: "Failed events" }).getByRole("listitem");
    await failed.filter({ hasText: "Why: unexpected shape: entry" }).waitFor();
    expect(await failed.first().textContent()).toContain("Instagram polling");
    expect(await failed.first().textContent()).toContain("Tried 5 times.");
    await shoot(page, "settings-ingest-desktop");
    await failed.first().getByRole("button", { name: "Re-queue" }).click();
    await page.getByRole("status").filter({ hasText: "Queued again" }).waitFor();
    await page.getByRole("link", { name: "Settings", exact: true }).last().click();
    await page.getByRole("heading", { name: "Settings", exact: true }).waitFor();
    await shoot(page, "settings-desktop");
  });

  it("keeps every settings page within a phone's screen", async () => {
    const phone = await signInAsDemoUser(await product.browser.newContext({ viewport: PHONE }), url, "admin");
    for (const path of SETTINGS_PAGES) {
      await phone.goto(`${url}${path}`);
      await phone.locator("h1").waitFor();
      await phone.locator("main p, main li").first().waitFor();
      expect(await overflowsSideways(phone), path).toBe(false);
      await shoot(phone, `${shotName(path)}-phone`);
    }
  });

  it("takes an agent to the sections an agent may read, none of the admin ones, and says so at an admin page's address", async () => {
    const agent = await signInAsDemoUser(await product.browser.newContext({ viewport: DESKTOP }), url, "agent");
    await agent.getByRole("banner").getByRole("link", { name: "Settings" }).click();
    await agent.waitForURL(`${url}/settings`);
    const menu = agent.getByRole("navigation", { name: "Settings sections" });
    await menu.getByRole("link", { name: "Connected accounts" }).waitFor();
    for (const admin of ["Users and roles", "API tokens", "Audit log"]) expect(await menu.getByRole("link", { name: admin }).count()).toBe(0);
    await agent.goto(`${url}/settings/users`);
    await agent.getByRole("alert").filter({ hasText: "Only admins can manage users and roles." }).waitFor();
    await shoot(agent, "settings-users-agent-desktop");
    // The SLA policies are for everyone to read, and say why an agent cannot change them.
    await agent.goto(`${url}/settings/sla`);
    await agent.getByText("Only admins can change the SLA policies and business hours").waitFor();
    expect(await agent.getByRole("button", { name: "Save policies" }).isDisabled()).toBe(true);
  });
});
