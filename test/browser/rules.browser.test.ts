import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import { seriousAxeViolations } from "../support/axe.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const ruleNames = (page: Page) => page.getByRole("list", { name: "Rules, in the order they run" }).locator(":scope > li .rule-name").allTextContents();
const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** The Rules page as an admin uses it (create, test, reorder by keyboard), and what an agent sees. */
describe.skipIf(!hasChromium)("moderation rules in the browser", () => {
  let product: BrowserProduct;
  let url: string;

  beforeAll(async () => {
    product = await startProductForBrowser();
    url = product.running.url;
  });
  afterAll(async () => {
    await product?.close();
  });

  for (const [view, viewport] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    it(`${view}: creates a rule, tests it on recent messages and moves it to the top with the keyboard`, async () => {
      const page = await signInAsDemoUser(await product.browser.newContext({ viewport, bypassCSP: true }), url, "admin");
      await page.goto(`${url}/settings/rules`);
      await page.getByRole("heading", { name: "Moderation rules" }).waitFor();
      const before = await ruleNames(page);
      expect(before.slice(0, 2)).toEqual(["Scam links", "“DM me to earn” spam"]);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.getByRole("button", { name: "Add a rule" }).click();
      const form = page.getByRole("region", { name: "New rule" });
      // Nothing chosen yet: the form says what is missing instead of asking the API.
      await form.getByRole("button", { name: "Add rule" }).click();
      await form.getByText("Choose at least one condition.").waitFor();
      const name = `Off-platform contact (${view})`;
      await form.getByLabel("Name").fill(name);
      await form.getByLabel("Gives a phone number, WhatsApp or Telegram").check();
      await form.getByLabel("Says any of these words or phrases", { exact: false }).fill("whatsapp\ntelegram\nDM me");
      await form.getByRole("button", { name: "Test on recent messages: these conditions" }).click();
      const tested = form.getByRole("status").filter({ hasText: /Would have matched [\d,]+ of the last [\d,]+ messages\./ });
      await tested.waitFor();
      await form.getByLabel("Resolve", { exact: true }).check();
      await form.getByLabel("Notify open consoles").check();
      // Priority and a round robin over a team of one agent, picked from the team's checkboxes.
      await form.getByLabel("Set priority").selectOption("high");
      await form.getByLabel("Or assign round robin", { exact: false }).check();
      const team = form.getByRole("group", { name: /^Team/ });
      await team.getByRole("checkbox").first().check();
      const teammate = ((await team.locator("label").first().textContent()) ?? "").trim();
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await overflowsSideways(page)).toBe(false);
      await page.screenshot({ path: join(artifactsDir, `rules-${view}-form.png`), fullPage: true });
      await form.getByRole("button", { name: "Add rule" }).click();

      const row = page.getByRole("listitem", { name });
      await row.waitFor();
      expect(await row.textContent()).toContain("Dry run");
      expect(await row.textContent()).toContain("set high priority");
      expect(await row.textContent()).toContain(`assign round robin among ${teammate} (online only)`);
      expect((await ruleNames(page)).at(-1)).toBe(name);

      // A saved rule tests the same way from its row.
      await row.getByRole("button", { name: `Test on recent messages: “${name}”` }).click();
      await row.getByRole("status").filter({ hasText: /Would have matched/ }).waitFor();

      // To the top with the keyboard: the focus stays on the button that moves it.
      const up = row.getByRole("button", { name: `Move up: “${name}”` });
      await up.focus();
      const steps = (await ruleNames(page)).length - 1;
      for (let i = 0; i < steps; i += 1) {
        await page.keyboard.press("Enter");
        await expect.poll(async () => (await ruleNames(page)).indexOf(name)).toBe(steps - i - 1);
      }
      expect((await ruleNames(page))[0]).toBe(name);
      await page.getByText(`“${name}” is now rule 1 of`).waitFor();
      // At the top "Move up" is disabled, and the focus went to its twin.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(`Move down: “${name}”`);

      // Live, then off: the row says so.
      await row.getByRole("button", { name: `Make live: “${name}”` }).click();
      await row.getByText("Live", { exact: true }).waitFor();
      await row.getByRole("button", { name: `Turn off: “${name}”` }).click();
      await row.getByText("Off", { exact: true }).waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(await overflowsSideways(page)).toBe(false);
      await page.screenshot({ path: join(artifactsDir, `rules-${view}-list.png`), fullPage: true });
      // Leave the order as it was for the next viewport: delete it.
      await row.getByRole("button", { name: `Delete: “${name}”` }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Delete rule" }).click();
      await row.waitFor({ state: "detached" });
      await page.context().close();
    });
  }

  it("an agent reads the rules without any control to change them", async () => {
    const page = await signInAsDemoUser(await product.browser.newContext({ viewport: DESKTOP, bypassCSP: true }), url, "agent");
    await page.goto(`${url}/settings/rules`);
    await page.getByRole("listitem", { name: "Scam links" }).waitFor();
    await page.getByText("Only admins can change the rules.").waitFor();
    for (const name of ["Add a rule", /Move/, /Edit/, /Delete/, /Make live/, /Test/]) expect(await page.getByRole("button", { name }).count()).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
