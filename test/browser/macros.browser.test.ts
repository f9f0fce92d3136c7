import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/**
 * The macro editor in a real browser: an agent writes a macro, sees it filled against a real
 * message as they type, is warned when a public reply would carry private data, and saves it;
 * a viewer can read the library but not change it.
 */
describe.skipIf(!hasChromium)("macro editor in the browser", () => {
  let running: RunningSurgedesk;
  let browser: Browser;
  let agent: Page;
  let product: BrowserProduct;

  beforeAll(async () => {
    product = await startProductForBrowser();
    ({ running, browser } = product);
    agent = await signInAsDemoUser(await browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "agent");
  });

  afterAll(async () => {
    await product?.close();
  });

  const editor = () => agent.getByRole("region", { name: "Macro editor" });

  it("lists the seeded library in English and Spanish", async () => {
    await agent.goto(`${running.url}/macros`);
    await agent.locator(".macros-page aside li").first().waitFor();
    const entries = await agent.locator(".macros-page aside li").allTextContents();
    expect(entries.length).toBeGreaterThanOrEqual(20);
    expect(entries.some((e) => e.includes("Spanish"))).toBe(true);
    expect(entries.some((e) => e.includes("English"))).toBe(true);
  });

  it("previews a new macro against a real message as it is typed, then saves it", async () => {
    await agent.getByRole("button", { name: "New" }).click();
    await editor().getByLabel("Title").fill("Restock date");
    await editor().getByLabel("Channel").selectOption("public");
    await editor().getByLabel("Labels").selectOption(["product_question"]);
    await editor().getByLabel(/^Text/).fill("Hi @{{customer_handle}}! It is back next week 💛");

    // The preview fills the variable from the message chosen below it: pick one from a buyer with a handle.
    const against = editor().getByLabel("Against the message");
    await against.locator("option").first().waitFor({ state: "attached" });
    const options = await against.locator("option").evaluateAll((list) => list.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })));
    const chosen = options.find((o) => o.text.startsWith("@"))!;
    await against.selectOption(chosen.value);
    const handle = /^@([^:]+):/.exec(chosen.text)![1]!;
    await expect.poll(() => editor().locator(".filled-text").textContent(), { timeout: 15_000 }).toBe(`Hi @${handle}! It is back next week 💛`);
    expect(await editor().locator(".filled-text .var-filled").textContent()).toBe(handle);

    // A variable no message fills (the agent writes the product answer) is shown as missing; a
    // public reply that would print private data (here an email address) is flagged before it is ever sent.
    await editor().getByLabel(/^Text/).fill("{{product_answer}} More at orders@glowbar.example");
    await editor().locator(".filled-text .var-missing", { hasText: "{{product_answer}}" }).waitFor();
    await editor().locator("p.error", { hasText: "A public reply must not contain" }).waitFor();
    expect(await editor().locator("p.error", { hasText: "A public reply must not contain" }).textContent()).toContain("orders@glowbar.example");
    await agent.screenshot({ path: join(artifactsDir, "macros-editor.png") });

    await editor().getByLabel(/^Text/).fill("Hi @{{customer_handle}}! It is back next week 💛");
    await editor().getByRole("button", { name: "Save" }).click();
    await agent.locator(".macros-page aside li", { hasText: "Restock date" }).waitFor();
    const res = await agent.request.get(`${running.url}/api/macros`);
    const { macros } = (await res.json()) as { macros: { title: string; channel: string; labels: string[]; body: string }[] };
    expect(macros.find((m) => m.title === "Restock date")).toMatchObject({
      channel: "public",
      labels: ["product_question"],
      body: "Hi @{{customer_handle}}! It is back next week 💛",
    });
  });

  it("lets a viewer read the library but not change it", async () => {
    const viewer = await signInAsDemoUser(await browser.newContext(), running.url, "viewer");
    await viewer.goto(`${running.url}/macros`);
    await viewer.locator(".macros-page aside li", { hasText: "Restock date" }).click();
    const form = viewer.getByRole("region", { name: "Macro editor" });
    expect(await form.getByLabel("Title").inputValue()).toBe("Restock date");
    expect(await form.getByLabel("Title").isDisabled()).toBe(true);
    expect(await form.getByLabel(/^Text/).isDisabled()).toBe(true);
    expect(await viewer.getByRole("button", { name: "New" }).count()).toBe(0);
    expect(await form.getByRole("button", { name: "Save" }).count()).toBe(0);
  });
});
