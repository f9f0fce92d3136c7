/**
 * The ingestion bar, end to end on PostgreSQL: starts the API as a child process on a fresh
 * database, pushes signed webhook events (with duplicates) through the real endpoint, optionally
 * kills the API with SIGKILL part-way and restarts it, then checks in the database that every
 * event that got a 200 is stored exactly once. Prints accepted events/s and end-to-end lag.
 *
 * Also prints processed messages/s, per-message lag (stored − received) percentiles and the API's
 * peak RSS. `--profile DIR` writes the API's CPU profile there (`node --cpu-prof`).
 *
 *   pnpm bench:ingest [--events 100000] [--duplicates 0.1] [--kill-at 0.5] [--concurrency 256] [--profile DIR]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import pg from "pg";
import { isDeepStrictEqual } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import { danglingMessageReferences } from "@surgedesk/devkit/testing/dangling-references.ts";
import { readStoredSpikeMetrics, recountSpikeMetrics } from "../src/spikes/metrics/recount-spike-metrics.ts";
import * as schema from "../src/db/schema/index.ts";
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
    profile: { type: "string" },
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
  const profile = values.profile ? ["--cpu-prof", "--cpu-prof-dir", values.profile] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "src/server.ts"], {
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
  watchRss(child);
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) {
        startupCpuSeconds += ticksOf(child.pid!) / 100;
        return child;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the API did not start");
}

/**
 * The API's resident memory and CPU time, and its PostgreSQL backends' CPU time, sampled from
 * /proc while it runs. CPU seconds per event hardly depend on what else the machine is doing,
 * unlike events/s, so they compare runs made on a busy machine.
 */
let peakRssMb = 0;
const cpuTicks = new Map<number, number>();
const ticksOf = (pid: number) => {
  // utime and stime: fields 14 and 15 of /proc/<pid>/stat, after the command in parentheses.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return Number(fields[11]) + Number(fields[12]);
};
function watchRss(child: ChildProcess) {
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakRssMb = Math.max(peakRssMb, kb / 1024);
      cpuTicks.set(child.pid!, ticksOf(child.pid!));
    } catch {
      // exited, or not Linux
    }
  }, 250);
  child.once("exit", () => clearInterval(timer));
}
async function sampleBackendCpu() {
  const { rows } = await admin.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [dbName]);
  for (const { pid } of rows) {
    try {
      cpuTicks.set(-pid, ticksOf(pid));
    } catch {
      // gone
    }
  }
}
const backendSampler = setInterval(() => void sampleBackendCpu().catch(() => undefined), 500);
/** CPU spent starting up (compiling, loading the model, migrating): not part of any event's cost. */
let startupCpuSeconds = 0;
const cpuSeconds = (backends: boolean) =>
  [...cpuTicks].filter(([pid]) => (pid < 0) === backends).reduce((n, [, ticks]) => n + ticks, 0) / 100;

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
// Per message: from the delivery's receipt to its batch's commit. The worker's rate: events
// processed between its first and its last commit.
const { rows: lags } = await db.query<{ p50: number; p95: number; max: number; events: number; span: number }>(
  `select percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at))::float8 as p50,
          percentile_cont(0.95) within group (order by extract(epoch from processed_at - received_at))::float8 as p95,
          max(extract(epoch from processed_at - received_at))::float8 as max,
          count(*)::int as events,
          extract(epoch from max(processed_at) - min(received_at))::float8 as span
   from inbound_events where status = 'processed'`,
);
// Exactly-once beyond the messages: every spike-metric bucket equals a full recount, every
// customer message has its classification, no message points at a missing row.
const checked = drizzle(db, { schema, casing: "snake_case" });
let metricsMatch = true;
let buckets = 0;
const { rows: workspaces } = await db.query<{ id: string }>("select id from workspaces");
for (const { id } of workspaces) {
  const recount = await recountSpikeMetrics(checked, id);
  const stored = await readStoredSpikeMetrics(checked, id);
  buckets += stored.buckets.size;
  metricsMatch &&= isDeepStrictEqual(Object.fromEntries(stored.buckets), Object.fromEntries(recount.buckets));
}
const { rows: unclassified } = await db.query<{ n: number }>(
  "select count(*)::int as n from messages where direction = 'inbound' and classification is null",
);
const dangling = Object.values(await danglingMessageReferences(checked)).reduce((a, b) => a + b, 0);
await db.end();

const accepted = results.reduce((n, r) => n + r.accepted, 0);
const seconds = results.reduce((n, r) => n + r.seconds, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`events:     ${totalEvents} distinct, ${results.reduce((n, r) => n + r.duplicatesSent, 0)} duplicates sent`);
console.log(`accepted:   ${accepted} deliveries answered 200, ${(accepted / seconds).toFixed(0)} events/s over ${seconds.toFixed(1)} s`);
if (killAt !== undefined) console.log(`killed:     SIGKILL at ${(killAt * 50).toFixed(0)}% of the run; ${failed} deliveries got no answer (not acknowledged)`);
const perMessage = lags[0]!;
console.log(`processed:  ${perMessage.events} events, ${(perMessage.events / perMessage.span).toFixed(0)} messages/s from the first receipt to the last commit`);
console.log(`lag:        ${lag.toFixed(1)} s from the last delivery until every event was processed; per message p50 ${perMessage.p50.toFixed(2)} s, p95 ${perMessage.p95.toFixed(2)} s, max ${perMessage.max.toFixed(2)} s`);
console.log(`stored:     ${storedOnce} of ${acked.size} acknowledged events stored exactly once; ${totals[0]!.n} messages in all`);

await sampleBackendCpu();
clearInterval(backendSampler);
const apiCpu = cpuSeconds(false) - startupCpuSeconds;
const dbCpu = cpuSeconds(true);
console.log(
  `checks:     spike metrics ${metricsMatch ? "equal" : "DIFFER FROM"} a full recount (${buckets} buckets); ${unclassified[0]!.n} messages without classification; ${dangling} dangling references`,
);
console.log(`memory:     API peak RSS ${peakRssMb.toFixed(0)} MB`);
console.log(
  `cpu:        API ${apiCpu.toFixed(1)} s after start-up, PostgreSQL ${dbCpu.toFixed(1)} s: ${((apiCpu * 1e6) / acked.size).toFixed(0)} + ${((dbCpu * 1e6) / acked.size).toFixed(0)} µs per event`,
);

// Stopped before its database is dropped, so it exits cleanly (and writes its profile).
await new Promise((resolve) => {
  api.once("exit", resolve);
  api.kill("SIGTERM");
});
await admin.end();
process.exit(storedOnce === acked.size && metricsMatch && unclassified[0]!.n === 0 && dangling === 0 ? 0 : 1);
