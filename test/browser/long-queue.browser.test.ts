import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { queryRows } from "../../api/src/db/client.ts";
import type { RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { seedBulkMessages } from "@surgedesk/devkit/testing/seed-messages.ts";
import { artifactsDir, hasChromium, signInAsDemoUser } from "../support/browser.ts";
import { startProductForBrowser, type BrowserProduct } from "../support/browser-product.ts";

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const BULK = 50_000;
const ROW_HEIGHT = 78;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * A queue of more than 50,000 messages in a real browser: the agent scrolls to its end, every row
 * is reachable, only the rows in view are in the DOM however long the list grows, and the
 * frame times of a scroll across the whole list are printed.
 */
describe.skipIf(!hasChromium)("a 50,000-message queue in the browser", () => {
  let running: RunningSurgedesk;
  let page: Page;
  let product: BrowserProduct;
  let queueTotal: number;

  beforeAll(async () => {
    product = await startProductForBrowser();
    ({ running } = product);
    // The demo's comments and DMs, webhooks and polled ones, all in before counting.
    await running.sync.drain();
    await running.ingest.drain();
    const db = running.database.db;
    const accounts = await queryRows<{ id: string; workspace_id: string }>(db, sql`select id, workspace_id from connected_accounts order by id limit 2`);
    await seedBulkMessages(db, { workspaceId: accounts[0]!.workspace_id, accountIds: accounts.map((a) => a.id), count: BULK });
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from messages where workspace_id = ${accounts[0]!.workspace_id} and is_item`);
    // The queue lists items: a conversation's earlier messages are shown within it.
    queueTotal = row!.n;

    page = await signInAsDemoUser(await product.browser.newContext({ viewport: { width: 1440, height: 900 } }), running.url, "agent");
  });

  afterAll(async () => {
    await product?.close();
  });

  /** Rows the list holds (loaded), from the height the virtualizer gives it. */
  const loadedRows = () => page.evaluate((h) => Math.round((document.querySelector(".message-list") as HTMLElement).offsetHeight / h), ROW_HEIGHT);
  const rowsInDom = () => page.locator(".message-row").count();

  it("scrolls to the end of the queue, loading pages on the way, with only the visible rows in the DOM", async () => {
    expect(queueTotal).toBeGreaterThan(BULK);
    await page.goto(`${running.url}/inbox?queue=all`);
    await page.locator(".message-row").first().waitFor();
    expect(await page.locator('.queue[data-queue="all"] .queue-count').textContent()).toBe(queueTotal.toLocaleString("en-US"));

    // Scroll to the bottom again and again, as an agent holding End would: pages load ahead.
    const started = Date.now();
    let maxRowsInDom = 0;
    while ((await loadedRows()) < queueTotal) {
      const before = await loadedRows();
      await page.locator(".list-scroll").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect.poll(loadedRows, { timeout: 30_000, interval: 25 }).toBeGreaterThan(before);
      maxRowsInDom = Math.max(maxRowsInDom, await rowsInDom());
    }
    const loadSeconds = (Date.now() - started) / 1000;
    expect(await loadedRows()).toBe(queueTotal);
    // The view is 900 px tall: about a dozen rows on screen, plus the overscan either side.
    expect(maxRowsInDom).toBeLessThanOrEqual(60);

    // The very last message of the queue is on screen (once the virtualizer has drawn the
    // scrolled-to rows: it renders on the next frame), and no row appears twice.
    await page.locator(".list-scroll").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const lastIndexShown = async () => Number(await page.locator(".virtual-row").last().getAttribute("data-index"));
    await expect.poll(lastIndexShown, { timeout: 10_000 }).toBe(queueTotal - 1);
    const lastIds = await page.locator(".message-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-message-id")));
    expect(new Set(lastIds).size).toBe(lastIds.length);
    await page.screenshot({ path: join(artifactsDir, "long-queue-end.png") });
    console.log(`${queueTotal.toLocaleString("en")} messages loaded by scrolling in ${loadSeconds.toFixed(1)} s (PGlite, pages of 200); at most ${maxRowsInDom} rows in the DOM`);
  });

  it("keeps frames short while scrolling across all of them", async () => {
    // Two passes on the animation-frame clock: a steady scroll, then a fling across the whole list
    // (every frame shows rows never shown before). Each frame moves the list, then we wait for the next.
    const measure = (pixelsPerFrame: number, frames: number) =>
      page.locator(".list-scroll").evaluate(
        (el, [step, count]) =>
          new Promise<{ intervals: number[]; maxRows: number }>((resolve) => {
            el.scrollTop = 0;
            const intervals: number[] = [];
            let maxRows = 0;
            let last = performance.now();
            const frame = (now: number) => {
              intervals.push(now - last);
              last = now;
              maxRows = Math.max(maxRows, el.querySelectorAll(".message-row").length);
              if (intervals.length > count) return resolve({ intervals: intervals.slice(1), maxRows });
              el.scrollTop += step;
              requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
          }),
        [pixelsPerFrame, frames] as const,
      );
    const totalHeight = queueTotal * ROW_HEIGHT;
    for (const [name, step, frames] of [
      ["steady scroll, 40 px a frame", 40, 300],
      ["fling, the whole list in 300 frames", Math.ceil(totalHeight / 300), 300],
    ] as const) {
      const { intervals, maxRows } = await measure(step, frames);
      const sorted = [...intervals].sort((a, b) => a - b);
      console.log(
        `${name}: frame interval p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; ` +
          `${sorted.filter((ms) => ms > 50).length} of ${sorted.length} frames over 50 ms; at most ${maxRows} rows in the DOM`,
      );
      expect(intervals).toHaveLength(frames);
      expect(maxRows).toBeLessThanOrEqual(60);
    }
    // The fling ended near the bottom: the rows shown are the queue's last ones.
    await expect.poll(async () => Number(await page.locator(".virtual-row").last().getAttribute("data-index")), { timeout: 10_000 }).toBe(queueTotal - 1);
  });
});
