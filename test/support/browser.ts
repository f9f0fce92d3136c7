import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import type { UserRole } from "@surgedesk/shared";
import { DEMO_PASSWORD, DEMO_USERS } from "../../api/src/auth/bootstrap-users.ts";
import { repoRoot } from "../../api/src/lib/repo-paths.ts";

/** Debian's Chromium; browser tests never download a browser of their own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM_PATH);

export const artifactsDir = join(repoRoot, "test/artifacts");

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(artifactsDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Signs a new page of `context` in through the login form as the demo user of that role. */
export async function signInAsDemoUser(context: BrowserContext, baseUrl: string, role: UserRole): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(DEMO_USERS.find((u) => u.role === role)!.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/inbox/);
  return page;
}
