import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { seriousAxeViolations } from "../support/axe.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

/** Tagging a message by keyboard, filtering by the tag, and saving that as a view in the sidebar. */
describe.skipIf(!hasChromium)("tags and saved views in the browser", () => {
  let product: BrowserProduct;
  let url: string;

  beforeAll(async () => {
    product = await startProductForBrowser();
    url = product.running.url;
  });
  afterAll(async () => {
    await product?.close();
  });

  it("tags a message with t (creating the tag), filters by it, saves the filter as a view and sees it in the sidebar with its count", async () => {
    const page = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true }), url, "agent");
    await page.goto(`${url}/inbox?queue=all`);
    await page.locator(".message-row").first().waitFor();

    // Keyboard only: j opens the first message, t the tag picker; a new name is created and put on.
    await page.keyboard.press("j");
    await page.waitForURL(/\/inbox\/msg_/);
    await page.locator(".message-detail .body").waitFor();
    const firstId = new URL(page.url()).pathname.split("/").at(-1)!;
    await page.keyboard.press("t");
    const picker = page.getByRole("dialog", { name: "Tags" });
    await picker.getByRole("combobox", { name: "Find a tag" }).waitFor();
    await page.keyboard.type("Influencer lead");
    await picker.getByRole("option", { name: "Create tag “Influencer lead”" }).waitFor();
    await page.keyboard.press("Enter");
    await page.locator(".item-tags .tag-chip", { hasText: "Influencer lead" }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifactsDir, "tags-picker.png") });
    // Fuzzy: "inl" finds it again, shown as on; Enter takes it off, Enter again puts it back.
    await page.keyboard.type("inl");
    await picker.getByRole("option", { name: /Influencer lead/, selected: true }).waitFor();
    await page.keyboard.press("Enter");
    await page.locator(".item-tags .tag-chip").waitFor({ state: "detached" });
    await page.keyboard.type("inl");
    await page.keyboard.press("Enter");
    await page.locator(".item-tags .tag-chip", { hasText: "Influencer lead" }).waitFor();
    await page.keyboard.press("Escape");
    await picker.waitFor({ state: "detached" });
    // The row in the list shows it too (the live stream brought the change back).
    await page.locator(`[data-message-id="${firstId}"] .tag-chip`, { hasText: "Influencer lead" }).waitFor();

    // Filter by the tag: only that message.
    await page.getByRole("button", { name: "Filters" }).click();
    await page.locator("#filter-fields label", { hasText: /^Tag/ }).locator("select").selectOption({ label: "Influencer lead" });
    await page.waitForURL(/tag=tag_/);
    await page.getByRole("button", { name: "Remove filter Tag: Influencer lead" }).waitFor();
    await expect.poll(() => page.locator(".message-row").count()).toBe(1);

    // Save it as a view: it appears in the sidebar with its count, and is the one shown.
    await page.getByRole("button", { name: "+ Save this view" }).click();
    await page.getByLabel("View name").fill("Influencer leads");
    await page.getByRole("button", { name: "Save view" }).click();
    const view = page.locator('[data-view="Influencer leads"]');
    await view.waitFor();
    await expect.poll(() => view.locator(".queue-count").textContent()).toBe("1");
    expect(await view.getAttribute("class")).toContain("active");
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(artifactsDir, "tags-saved-view.png") });

    // From another queue, the view brings its filters back.
    await page.locator('[data-queue="needs_reply"]').click();
    await page.waitForURL((u) => !u.toString().includes("tag="));
    await view.click();
    await page.waitForURL(/tag=tag_/);
    await expect.poll(() => page.locator(".message-row").count()).toBe(1);
    await page.close();
  });
});
