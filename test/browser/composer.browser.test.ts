import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Locator, Page } from "playwright-core";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 150_000, hookTimeout: 180_000 });

interface OutboxItemView {
  id: string;
  kind: string;
  status: string;
  text: string;
  externalId: string | null;
}

/**
 * The composer in a real browser, on the demo with its emulated platforms: free-text public
 * replies and DMs reaching the platform through the outbox, a macro inserted with `#` and its
 * variables filled, a note whose @mention reaches a colleague signed in elsewhere, live, and the
 * collision guard between two consoles on one message.
 */
describe.skipIf(!hasChromium)("the composer in the browser", () => {
  let running: RunningSurgedesk;
  let product: BrowserProduct;
  let agent: Page;
  let admin: Page;

  beforeAll(async () => {
    product = await startProductForBrowser();
    ({ running } = product);
    agent = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "agent");
    admin = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "admin");
  });

  afterAll(async () => {
    await product?.close();
  });

  const composerOf = (page: Page) => page.locator(".composer");
  const idOf = (page: Page) => /\/inbox\/(msg_[^/?#]+)/.exec(page.url())![1]!;

  async function outboxOf(page: Page, messageId: string): Promise<OutboxItemView[]> {
    const res = await page.request.get(`${running.url}/api/replies/${messageId}/outbox`);
    expect(res.status()).toBe(200);
    return ((await res.json()) as { items: OutboxItemView[] }).items;
  }

  /** Opens the rows of a queue one by one until `fits` says the composer is right for the test. */
  async function openFirst(page: Page, query: string, fits: (composer: Locator) => Promise<boolean>, skip: string[] = []): Promise<string> {
    await page.goto(`${running.url}/inbox?${query}`);
    const rows = page.locator(".message-row");
    await rows.first().waitFor();
    const count = Math.min(await rows.count(), 25);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      if (skip.includes((await row.getAttribute("data-message-id")) ?? "")) continue;
      await row.click();
      await page.waitForURL(/\/inbox\/msg_/);
      const composer = composerOf(page);
      await composer.waitFor();
      // The platform's word on what may be sent arrives with the suggestions.
      await page.locator("ol.suggestions, .reply-panel .muted").first().waitFor({ timeout: 20_000 });
      if (await fits(composer)) return idOf(page);
    }
    throw new Error(`No message in ${query} fits`);
  }

  it("sends a free-text public reply with an emoji, and a DM, both delivered to the platform", async () => {
    const commentId = await openFirst(agent, "queue=all&platform=instagram&kind=comment&status=open", async (c) => (await c.locator(".composer-reason").count()) === 0);
    const composer = composerOf(agent);
    expect(await composer.getByRole("radio", { name: "Public reply" }).isChecked()).toBe(true);
    const box = composer.getByRole("textbox", { name: "Public reply" });
    await box.fill("Thanks so much, we're on it ");
    await composer.getByRole("button", { name: "Emoji" }).click();
    await composer.getByRole("button", { name: "sparkling heart" }).click();
    expect(await box.inputValue()).toBe("Thanks so much, we're on it 💖");
    await composer.getByRole("button", { name: "Send", exact: true }).click();
    await expect
      .poll(async () => (await outboxOf(agent, commentId)).find((i) => i.text === "Thanks so much, we're on it 💖")?.status, { timeout: 60_000, interval: 250 })
      .toBe("sent");
    const publicReply = (await outboxOf(agent, commentId)).find((i) => i.text === "Thanks so much, we're on it 💖")!;
    expect(publicReply.kind).toBe("public_reply");
    expect(publicReply.externalId).toBeTruthy();
    await agent.getByRole("list", { name: "Replies and notes" }).locator("li.outbox-sent").getByText("Thanks so much, we're on it 💖").waitFor();
    expect(await box.inputValue()).toBe("");

    // A public reply carrying an order number is stopped by the PII guard, said inline.
    await box.fill("Your order #1042 ships today");
    await composer.getByText(/order number/i).waitFor({ timeout: 10_000 });
    await box.fill("");

    // A DM the platform still allows (Instagram: within 24 hours of the buyer's last message).
    const dmId = await openFirst(agent, "queue=all&platform=instagram&kind=dm&status=open", async (c) => (await c.locator(".composer-reason").count()) === 0);
    const dmBox = composerOf(agent).getByRole("textbox", { name: "Reply in the DM" });
    await dmBox.fill("Hi! Could you send us your order number here? We'll check it right away.");
    // Ctrl+Enter sends, from the keyboard.
    await dmBox.press("Control+Enter");
    await expect.poll(async () => (await outboxOf(agent, dmId)).map((i) => [i.kind, i.status]), { timeout: 60_000, interval: 250 }).toEqual([["dm", "sent"]]);
    expect((await outboxOf(agent, dmId))[0]!.text).toBe("Hi! Could you send us your order number here? We'll check it right away.");
    await agent.screenshot({ path: join(artifactsDir, "composer-dm-sent.png") });
  });

  it("says why a DM is not possible from a TikTok comment", async () => {
    await openFirst(agent, "queue=all&platform=tiktok&kind=comment", async () => true);
    const composer = composerOf(agent);
    await composer.getByRole("radio", { name: "DM" }).check();
    await composer.locator(".composer-reason").getByText(/TikTok/).waitFor();
    expect(await composer.getByRole("button", { name: "Send", exact: true }).isDisabled()).toBe(true);
  });

  it("inserts a macro with #, its variables filled, and blocks sending until the missing one is filled", async () => {
    await openFirst(agent, "queue=all&platform=instagram&kind=comment&status=open", async (c) => (await c.locator(".composer-reason").count()) === 0);
    const composer = composerOf(agent);
    const box = composer.getByRole("textbox", { name: "Public reply" });
    await box.fill("");
    await box.pressSequentially("#prodq");
    const choices = composer.getByRole("listbox", { name: "Macros" });
    await choices.getByRole("option").first().getByText("Product question: answer").waitFor();
    await box.press("Enter");
    const text = await box.inputValue();
    // {{customer_handle}} came from the message; {{product_answer}} is for the agent to write.
    expect(text).toMatch(/^Hi @\S+! \{\{product_answer\}\} Anything else/);
    expect(text).not.toContain("{{customer_handle}}");
    await composer.locator(".composer-marks mark.var-missing").getByText("{{product_answer}}").waitFor();
    const send = composer.getByRole("button", { name: "Send", exact: true });
    expect(await send.isDisabled()).toBe(true);
    await composer.locator(".missing-inputs input").fill("Yes, there is a vegan version in the same sizes.");
    await expect.poll(() => send.isDisabled()).toBe(false);
    expect(await composer.locator(".composer-marks mark.var-missing").count()).toBe(0);
    await agent.screenshot({ path: join(artifactsDir, "composer-macro.png") });
    await box.fill("");
  });

  it("tells a mentioned colleague live: a toast with a link, the note in the message, and Mentions", async () => {
    const messageId = await openFirst(agent, "queue=all&platform=instagram&kind=comment&status=open", async () => true);
    // The admin has the same message open: the note appears there without a reload.
    await admin.goto(`${running.url}/inbox/${messageId}?queue=all`);
    await composerOf(admin).waitFor();

    const composer = composerOf(agent);
    await composer.getByRole("radio", { name: "Note" }).check();
    const box = composer.getByRole("textbox", { name: "Internal note" });
    await box.pressSequentially("Refund needs a decision, @Ave");
    await composer.getByRole("listbox", { name: "Teammates" }).getByRole("option", { name: "@Avery Admin" }).waitFor();
    await box.press("Enter");
    await box.pressSequentially("please look.");
    expect(await box.inputValue()).toBe("Refund needs a decision, @Avery Admin please look.");
    await composer.getByRole("button", { name: "Add note" }).click();
    await agent.getByRole("list", { name: "Replies and notes" }).locator(".timeline-note").getByText("please look.", { exact: false }).waitFor();

    const toast = admin.locator(".mention-toast");
    await toast.getByText("Sam Agent mentioned you in a note.").waitFor({ timeout: 15_000 });
    await admin.getByRole("list", { name: "Replies and notes" }).locator(".timeline-note .mention").getByText("@Avery Admin").waitFor();
    await admin.screenshot({ path: join(artifactsDir, "composer-mention-toast.png") });
    // No note ever went to the platform.
    expect(await outboxOf(agent, messageId)).toEqual([]);

    await admin.goto(`${running.url}/spikes`);
    await admin.getByRole("button", { name: /^Mentions/ }).click();
    await admin.locator("#mentions-list").getByRole("link", { name: /Sam Agent: Refund needs a decision/ }).click();
    await admin.waitForURL(new RegExp(`/inbox/${messageId}`));
    await admin.locator(".timeline-note").first().waitFor();
  });

  it("warns of a colleague writing, asks before sending, and stops a send after their reply", async () => {
    const messageId = await openFirst(agent, "queue=all&platform=instagram&kind=comment&status=open", async (c) => (await c.locator(".composer-reason").count()) === 0);
    await admin.goto(`${running.url}/inbox/${messageId}?queue=all`);
    const adminBox = composerOf(admin).getByRole("textbox", { name: "Public reply" });
    await adminBox.fill("Thank you! We're looking into it now.");

    const composer = composerOf(agent);
    await composer.getByText("Avery Admin is writing a reply to this message too.").waitFor({ timeout: 30_000 });
    const box = composer.getByRole("textbox", { name: "Public reply" });
    await box.fill("Thanks for telling us, checking now!");
    await composer.getByRole("button", { name: "Send", exact: true }).click();
    const ask = agent.getByRole("dialog", { name: "Send your reply too?" });
    await ask.waitFor();
    await ask.getByRole("button", { name: "Wait" }).click();

    // The colleague sends first (asked too, since the agent is writing); the agent's send is then
    // stopped and their reply shown.
    await composerOf(admin).getByRole("button", { name: "Send", exact: true }).click();
    await admin.getByRole("dialog", { name: "Send your reply too?" }).getByRole("button", { name: "Send anyway" }).click();
    await expect.poll(async () => (await outboxOf(admin, messageId)).length, { timeout: 30_000, interval: 250 }).toBe(1);
    await composer.getByRole("button", { name: "Send", exact: true }).click();
    if (await ask.isVisible()) await ask.getByRole("button", { name: "Send anyway" }).click();
    const stop = composer.locator(".collision-stop");
    await stop.getByText(/Avery Admin replied to this message since you opened it/).waitFor({ timeout: 15_000 });
    await stop.locator("blockquote").getByText("Thank you! We're looking into it now.").waitFor();
    expect(await box.inputValue()).toBe("Thanks for telling us, checking now!");
    await agent.screenshot({ path: join(artifactsDir, "composer-collision.png") });
    expect((await outboxOf(agent, messageId)).map((i) => i.text)).toEqual(["Thank you! We're looking into it now."]);
  });
});
