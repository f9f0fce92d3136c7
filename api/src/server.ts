import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config.ts";
import { startSurgedesk } from "./start-surgedesk.ts";
import { demoModeWarning } from "./demo-mode.ts";

const webDistDir = join(dirname(fileURLToPath(import.meta.url)), "../../web/dist");

try {
  const config = loadConfig();
  const running = await startSurgedesk(config, { webDistDir });
  const seconds = config.shutdownTimeoutMs / 1000;
  let stopping = false;
  // Drains: no new connections, live streams told to reconnect, work in flight finished, then
  // exit 0. Past SHUTDOWN_TIMEOUT_S, or at a second signal, exit at once: what was not finished
  // is still pending in the database and is taken up at the next start.
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} received again: exiting now.`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    stopping = true;
    console.log(`${signal} received, stopping (at most ${seconds} s; send it again to exit now)…`);
    setTimeout(() => {
      console.error(`Not stopped after ${seconds} s (SHUTDOWN_TIMEOUT_S): exiting; unfinished work is taken up at the next start.`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    try {
      const { pendingDeliveries } = await running.stop();
      console.log(`stopped; ${pendingDeliveries} accepted deliveries left for the next start to ingest`);
    } catch (err) {
      console.error("stopping failed:", err);
      process.exit(1);
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // Only once the handlers are in place: whoever waits for this line may signal at once.
  console.log(`Surgedesk is running at ${running.url}  (database: ${running.database.driver}${config.demo ? ", demo mode" : ""})`);
  if (config.demo) console.warn(demoModeWarning(config));
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
