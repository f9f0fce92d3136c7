import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/**
 * The classifier's side of the console: an agent settles the model's unsure guesses from the
 * "Needs a label" queue; an admin sees the workspace's model on the Classifier page, at desktop
 * and phone sizes; an agent does not.
 */
describe.skipIf(!hasChromium)("classifier in the browser", () => {
  let running: RunningSurgedesk;
  let browser: Browser;
  let product: BrowserProduct;

  beforeAll(async () => {
    product = await startProductForBrowser();
    ({ running, browser } = product);
  });

  afterAll(async () => {
    await product?.close();
  });

  it("lets an agent confirm an unsure guess, which takes it out of Needs a label", async () => {
    const agent = await signInAsDemoUser(await browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "agent");
    await agent.goto(`${running.url}/inbox?queue=needs_label`);
    await agent.locator(".message-row").first().waitFor();
    expect(Number(await agent.locator('.queue[data-queue="needs_label"] .queue-count').textContent())).toBeGreaterThan(0);
    expect(await agent.locator(".message-row .label-unsure").count()).toBeGreaterThan(0);
    const first = agent.locator(".message-row").first();
    const id = await first.getAttribute("data-message-id");
    await first.click();
    await agent.getByRole("button", { name: /^Confirm / }).click();
    // Settled: it leaves the queue (other messages may arrive meanwhile, so the count is not compared).
    await expect.poll(() => agent.locator(`.message-row[data-message-id="${id}"]`).count()).toBe(0);
    expect(await agent.getByRole("button", { name: /^Confirm / }).count()).toBe(0);
    expect(await agent.getByRole("link", { name: "Classifier" }).count()).toBe(0);
    await agent.close();
  });

  for (const [size, viewport] of [
    ["desktop", { width: 1440, height: 900 }],
    ["phone", { width: 390, height: 844 }],
  ] as const) {
    it(`shows an admin the model in use and what a retrain needs (${size})`, async () => {
      const admin = await signInAsDemoUser(await browser.newContext({ viewport }), running.url, "admin");
      await admin.getByRole("link", { name: "Classifier" }).click();
      await admin.getByRole("heading", { name: "Model in use" }).waitFor();
      expect(await admin.getByText("The standard model").count()).toBe(1);
      expect(await admin.getByRole("button", { name: "Retrain now" }).isDisabled()).toBe(true);
      expect(await admin.getByText(/needs at least 10 corrections/).count()).toBe(1);
      expect(await admin.getByRole("button", { name: "Roll back" }).isDisabled()).toBe(true);
      // Nothing spills sideways on a phone.
      const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await admin.screenshot({ path: join(artifactsDir, `classifier-${size}.png`), fullPage: true });
      await admin.close();
    });
  }
});
