/**
 * The ingestion bar, end to end on PostgreSQL: starts the API as a child process on a fresh
 * database, pushes signed webhook events (with duplicates) through the real endpoint, optionally
 * kills the API with SIGKILL part-way and restarts it, then checks in the database that every
 * event that got a 200 is stored exactly once. Prints accepted events/s and end-to-end lag.
 *
 *   pnpm bench:ingest [--events 100000] [--duplicates 0.1] [--kill-at 0.5] [--concurrency 256]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import pg from "pg";
import { loadCommentTexts } from "@surgedesk/devkit/simulator/comment-texts.ts";
import { createInstagramTraffic } from "@surgedesk/devkit/simulator/instagram-traffic.ts";
import { runSimulation, type SimulationResult } from "@surgedesk/devkit/simulator/run-simulation.ts";
import { waitForDrain } from "@surgedesk/devkit/simulator/wait-for-drain.ts";

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    duplicates: { type: "string", default: "0.1" },
    "kill-at": { type: "string" },
    // Platforms deliver a spike over many connections at once; 256 is what a viral minute looks like.
    concurrency: { type: "string", default: "256" },
    port: { type: "string", default: "3111" },
  },
});

// eslint-disable-next-line no-restricted-properties -- a benchmark, pointed at a server like the API is
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `surgedesk_bench_${Date.now().toString(36)}`;
const secret = randomBytes(24).toString("hex");
const adminEmail = "bench-admin@surgedesk.test";
const adminPassword = randomBytes(16).toString("hex");
const port = Number(values.port);
const url = `http://127.0.0.1:${port}`;
const apiDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const totalEvents = Number(values.events);
const killAt = values["kill-at"] === undefined ? undefined : Number(values["kill-at"]);

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;

async function startApi(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: {
      // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and the like
      ...process.env,
      DATABASE_URL: benchUrl.toString(),
      INSTAGRAM_APP_SECRET: secret,
      DEMO: "false",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the API did not start");
}

const next = createInstagramTraffic({
  secret,
  accountId: "17841400000000001",
  mediaIds: Array.from({ length: 20 }, (_, i) => `1817214329534${9300 + i}`),
  texts: loadCommentTexts(),
  runId: randomBytes(3).toString("hex"),
});
const bar = new cliProgress.SingleBar({ format: "{phase} [{bar}] {value}/{total}", hideCursor: true }, cliProgress.Presets.shades_classic);

async function phase(name: string, events: number, killAfter?: { at: number; child: ChildProcess }): Promise<SimulationResult> {
  const total = Math.round(events * (1 + Number(values.duplicates)));
  bar.start(total, 0, { phase: name.padEnd(8) });
  let killed = false;
  const result = await runSimulation({
    url,
    events,
    duplicateShare: Number(values.duplicates),
    rate: 0,
    concurrency: Number(values.concurrency),
    next,
    onProgress: (sent) => {
      bar.update(sent);
      if (killAfter && !killed && sent >= killAfter.at * total) {
        killed = true;
        killAfter.child.kill("SIGKILL");
      }
    },
  });
  bar.stop();
  return result;
}

let api = await startApi();
const results: SimulationResult[] = [];
if (killAt !== undefined) {
  const first = Math.round(totalEvents * killAt);
  results.push(await phase("before", first, { at: 0.5, child: api }));
  await new Promise((r) => setTimeout(r, 200));
  console.log("API killed with SIGKILL; restarting on the same database…");
  api = await startApi();
  results.push(await phase("after", totalEvents - first));
} else {
  results.push(await phase("sending", totalEvents));
}
const sendingDone = Date.now();
const login = await fetch(`${url}/api/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: adminEmail, password: adminPassword }),
});
const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
await waitForDrain(url, { headers: { cookie } });
const lag = (Date.now() - sendingDone) / 1000;

const acked = new Set(results.flatMap((r) => [...r.acceptedIds]));
const db = new pg.Client({ connectionString: benchUrl.toString() });
await db.connect();
const { rows } = await db.query<{ external_id: string; n: number }>(
  "select external_id, count(*)::int as n from messages where external_id = any($1) group by external_id",
  [[...acked]],
);
const storedOnce = rows.filter((r) => r.n === 1).length;
const { rows: totals } = await db.query<{ n: number }>("select count(*)::int as n from messages");
await db.end();

const accepted = results.reduce((n, r) => n + r.accepted, 0);
const seconds = results.reduce((n, r) => n + r.seconds, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`events:     ${totalEvents} distinct, ${results.reduce((n, r) => n + r.duplicatesSent, 0)} duplicates sent`);
console.log(`accepted:   ${accepted} deliveries answered 200, ${(accepted / seconds).toFixed(0)} events/s over ${seconds.toFixed(1)} s`);
if (killAt !== undefined) console.log(`killed:     SIGKILL at ${(killAt * 50).toFixed(0)}% of the run; ${failed} deliveries got no answer (not acknowledged)`);
console.log(`lag:        ${lag.toFixed(1)} s from the last delivery until every event was processed`);
console.log(`stored:     ${storedOnce} of ${acked.size} acknowledged events stored exactly once; ${totals[0]!.n} messages in all`);

api.kill("SIGTERM");
await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
await admin.end();
process.exit(storedOnce === acked.size ? 0 : 1);
