import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

interface OutboxItemView {
  kind: string;
  status: string;
  text: string;
}

/**
 * The reply panel in a real browser, against the demo's emulated Instagram: an agent opens an
 * order comment, takes a suggested private macro, and makes the comment-to-DM move; both sends
 * go through the outbox to the platform and the panel shows them sent.
 */
describe.skipIf(!hasChromium)("reply panel in the browser", () => {
  let running: RunningSurgedesk;
  let agent: Page;
  let product: BrowserProduct;

  beforeAll(async () => {
    product = await startProductForBrowser();
    ({ running } = product);
    agent = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "agent");
  });

  afterAll(async () => {
    await product?.close();
  });

  it("suggests macros for an order comment and moves it to a Private Reply, both sent", async () => {
    await agent.goto(`${running.url}/inbox?queue=order_issues&platform=instagram&kind=comment`);
    await agent.locator(".message-row").first().click();
    await agent.waitForURL(/\/inbox\/msg_/);
    const messageId = /\/inbox\/(msg_[^/?#]+)/.exec(agent.url())![1]!;
    const panel = agent.getByRole("region", { name: "Reply" });

    // Suggestions come filled from the message; the private one goes into the Private Reply.
    await panel.locator("ol.suggestions li").first().waitFor({ timeout: 20_000 });
    expect(await panel.locator("ol.suggestions li").count()).toBeGreaterThanOrEqual(1);
    const usePrivate = panel.getByRole("button", { name: "Use as the private reply" }).first();
    await usePrivate.click();
    const privateText = panel.getByLabel("Private reply (carries the case)");
    await expect.poll(() => privateText.inputValue()).not.toBe("");
    const publicAck = panel.getByLabel("Public acknowledgement (no order details)");
    if ((await publicAck.inputValue()).trim() === "") await publicAck.fill("Thanks! We just sent you a DM 💌");
    // Anything the message and the shop could not fill is asked for before sending (on the demo the
    // order comments quote orders the shop has, so usually nothing is).
    // (A filled one leaves the list, so always fill the first.)
    const missing = panel.locator(".comment-to-dm .missing-inputs input");
    for (let i = 0; i < 10 && (await missing.count()) > 0; i++) await missing.first().fill("#1043");

    await panel.getByRole("button", { name: "Acknowledge and send Private Reply" }).click();
    const sends = panel.getByRole("list", { name: "Replies and notes" });
    await expect.poll(async () => (await sends.locator("li.outbox-sent").count()), { timeout: 60_000, interval: 250 }).toBe(2);
    // Answered is done: the message leaves the open queue on screen, without a reload.
    await agent.locator(`.message-row[data-message-id="${messageId}"]`).waitFor({ state: "detached", timeout: 30_000 });
    await agent.screenshot({ path: join(artifactsDir, "reply-sent.png") });

    const res = await agent.request.get(`${running.url}/api/replies/${messageId}/outbox`);
    expect(res.status()).toBe(200);
    const { items } = (await res.json()) as { items: OutboxItemView[] };
    expect(items.map((i) => [i.kind, i.status]).sort()).toEqual([
      ["private_reply", "sent"],
      ["public_reply", "sent"],
    ]);
    // The public half carries no private data: the private half has the case.
    const publicReply = items.find((i) => i.kind === "public_reply")!;
    expect(publicReply.text).not.toMatch(/#\d{3,}|[\w.+-]+@[\w-]+\.\w+/);
    // The private half carries the order the shop found for the comment (filled, not typed).
    expect(items.find((i) => i.kind === "private_reply")!.text).toMatch(/Order #\d{4,}/);
  });
});
