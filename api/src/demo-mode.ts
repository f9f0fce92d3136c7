import { ConfigError, type Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./lib/logger.ts";

/** What demo mode is handed: the app to deliver the demo's webhooks through, and where. */
export interface DemoContext {
  app: { request(path: string, init: RequestInit): Response | Promise<Response> };
  config: Config;
  db: Database;
  workspaceId: string;
  logger: Logger;
}

/** A demo in progress (emulated platforms, a surge playing): stopped with the server. */
export interface RunningDemo {
  stop(): void;
}

/** What `@surgedesk/devkit/demo` exports; the devkit's side is type-checked against it. */
export type StartDemo = (context: DemoContext) => Promise<RunningDemo>;

/**
 * Demo mode lives in the devkit, a development dependency: loaded here, only when demo mode is
 * on, so a production install neither ships nor loads it. The specifier is a variable so that
 * the production build does not compile the devkit in either.
 */
const DEVKIT_DEMO = "@surgedesk/devkit/demo";

export async function startDemoMode(context: DemoContext): Promise<RunningDemo> {
  let devkit: { startDemo: StartDemo };
  try {
    devkit = await importDevkit();
  } catch (error) {
    // Demo mode in a production install is a configuration mistake, and reported as one; any
    // other failure (a module missing inside the devkit) is shown as it is.
    if (!/Cannot find package '(@surgedesk\/devkit|tsx)'/.test(String(error))) throw error;
    throw new ConfigError("Demo mode needs the devkit, a development dependency: start from a development checkout, or set DEMO=false.");
  }
  return devkit.startDemo(context);
}

async function importDevkit(): Promise<{ startDemo: StartDemo }> {
  // From source (tsx, vitest) TypeScript already loads. The built server is plain JavaScript,
  // and the devkit is TypeScript: it is read through tsx, a development dependency as well.
  if (import.meta.url.endsWith(".ts")) return import(DEVKIT_DEMO);
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(DEVKIT_DEMO, import.meta.url);
}
