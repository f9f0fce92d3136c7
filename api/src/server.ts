import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config.ts";
import { startSurgedesk } from "./start-surgedesk.ts";
import { demoModeWarning } from "./demo-mode.ts";

const webDistDir = join(dirname(fileURLToPath(import.meta.url)), "../../web/dist");

try {
  const config = loadConfig();
  const running = await startSurgedesk(config, { webDistDir });
  console.log(`Surgedesk is running at ${running.url}  (database: ${running.database.driver}${config.demo ? ", demo mode" : ""})`);
  if (config.demo) console.warn(demoModeWarning(config));
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping…`);
    await running.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
