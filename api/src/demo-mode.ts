import { ConfigError, type Config } from "./config.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "./auth/bootstrap-users.ts";
import type { Database } from "./db/client.ts";
import type { Logger } from "./lib/logger.ts";
import { findRealWorkspace } from "./workspaces/ensure-workspace.ts";

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
  /**
   * The demo's emulated platforms (the devkit's DemoPlatforms), for tests that play the
   * platform's side against the whole product: a new comment, a check of what was hidden.
   * Opaque here, as the devkit's types stay out of the API.
   */
  emulated: unknown;
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

const isLoopback = (host: string) => /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host);

/**
 * Printed at start in demo mode: its logins are published, so whoever reaches the server can
 * sign in as an admin. Says who can reach it, and how to run a real deployment instead.
 */
export function demoModeWarning(config: Pick<Config, "host">): string {
  const logins = DEMO_USERS.map((user) => user.email).join(", ");
  const reach = isLoopback(config.host)
    ? `It listens on ${config.host}: reachable from this machine only.`
    : `It listens on ${config.host} (HOST): reachable from other machines, and anyone there can sign in.`;
  return [
    `WARNING: demo mode is not a deployment. The demo logins ${logins} share the published password "${DEMO_PASSWORD}".`,
    reach,
    "To run Surgedesk for real, set DEMO=false (or NODE_ENV=production) with ADMIN_EMAIL and ADMIN_PASSWORD.",
  ].join("\n");
}

/**
 * Demo mode adds logins with a published password and fills the inbox with made-up messages:
 * on a database that holds a real brand's workspace it would do both to that brand. Refused.
 */
export async function refuseRealDatabase(db: Database, config: Pick<Config, "databaseUrl" | "dataDir">): Promise<void> {
  const real = await findRealWorkspace(db);
  if (!real) return;
  const where = config.databaseUrl ? "The database DATABASE_URL points at" : `The database in DATA_DIR (${config.dataDir})`;
  throw new ConfigError(
    `Demo mode refuses to start: ${where} holds the workspace "${real.name}", which demo mode did not create, ` +
      "and demo mode would add logins with a published password to it. Set DEMO=false to run that workspace, " +
      "or point DATABASE_URL (or DATA_DIR) at an empty database for the demo.",
  );
}
