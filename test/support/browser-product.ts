import type { Browser } from "playwright-core";
import { loadConfig, type Config } from "../../api/src/config.ts";
import { startSurgedesk, type RunningSurgedesk } from "../../api/src/start-surgedesk.ts";
import { createTestDatabase } from "@surgedesk/devkit/testing/test-database.ts";
import { launchBrowser } from "./browser.ts";
import { buildConsole } from "./build-console.ts";

export interface BrowserProduct {
  running: RunningSurgedesk;
  config: Config;
  browser: Browser;
  /** Closes the browser and stops the server (the console build is shared: see buildConsole). */
  close(): Promise<void>;
}

/**
 * What every browser test stands on: a console built from the current sources served by the real server in demo
 * mode (no demo surge) on a database of its own, the demo's webhooks processed, and Chromium.
 * `env` adds to or overrides the configuration.
 */
export async function startProductForBrowser(env: Record<string, string> = {}): Promise<BrowserProduct> {
  const distDir = await buildConsole();
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DEMO: "true", DEMO_SURGE: "false", LOG_LEVEL: "silent", ...env });
  const running = await startSurgedesk(config, { database: await createTestDatabase(), webDistDir: distDir });
  await running.ingest.drain();
  const browser = await launchBrowser();
  return {
    running,
    config,
    browser,
    async close() {
      await browser.close();
      await running.stop();
    },
  };
}
