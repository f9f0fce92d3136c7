/**
 * The ingestion bar, end to end on PostgreSQL: starts the API as a child process on a fresh
 * database, pushes signed webhook events (with duplicates) through the real endpoint, optionally
 * kills the API with SIGKILL part-way and restarts it, then checks in the database that every
 * event that got a 200 is stored exactly once. Prints accepted events/s and end-to-end lag.
 *
 * Also prints processed messages/s, per-message lag (stored − received) percentiles and the API's
 * peak RSS. `--profile DIR` writes the API's CPU profile there (`node --cpu-prof`).
 *
 * `--pglite` runs the API on the embedded database (a data directory of its own); `--rate N`
 * sends N deliveries a second instead of as fast as the connections allow (twice what the
 * machine sustains shows the overload answer: 503 with Retry-After, memory bounded).
 * `--processes N` runs N API processes on the one database, deliveries sent to each in turn:
 * their ingest workers share the backlog (`FOR UPDATE SKIP LOCKED`). `--lanes N` sets each
 * process's ingest batches in flight (`INGEST_CONCURRENCY`), `--max-lag S` the lag past which
 * it refuses deliveries with 503 (`INGEST_MAX_LAG_S`, 0: never).
 *
 *   pnpm bench:ingest [--events 100000] [--duplicates 0.1] [--kill-at 0.5] [--concurrency 256] [--profile DIR]
 *                     [--rate N] [--pglite] [--processes N] [--lanes N] [--max-lag S]
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
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../src/db/client.ts";
import { danglingMessageReferences } from "@surgedesk/devkit/testing/dangling-references.ts";
import { readStoredSpikeMetrics, recountSpikeMetrics } from "../src/spikes/metrics/recount-spike-metrics.ts";
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
    // Deliveries per second to aim at (0: as fast as the connections allow).
    rate: { type: "string", default: "0" },
    // The embedded database instead of PostgreSQL: a data directory of its own.
    pglite: { type: "boolean", default: false },
    // API processes sharing the database (and the backlog).
    processes: { type: "string", default: "1" },
    // Ingest batches in flight per process (INGEST_CONCURRENCY); the server's default when absent.
    lanes: { type: "string" },
    // Seconds of ingest lag past which the API refuses deliveries (INGEST_MAX_LAG_S; 0: never).
    "max-lag": { type: "string" },
  },
});

// eslint-disable-next-line no-restricted-properties -- a benchmark, pointed at a server like the API is
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `surgedesk_bench_${Date.now().toString(36)}`;
const secret = randomBytes(24).toString("hex");
const adminEmail = "bench-admin@surgedesk.test";
const adminPassword = randomBytes(16).toString("hex");
const processes = Number(values.processes);
const ports = Array.from({ length: processes }, (_, i) => Number(values.port) + i);
const urls = ports.map((port) => `http://127.0.0.1:${port}`);
const url = urls[0]!;
const apiDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const totalEvents = Number(values.events);
const killAt = values["kill-at"] === undefined ? undefined : Number(values["kill-at"]);
if (killAt !== undefined && processes > 1) throw new Error("--kill-at runs with one API process");
if (values.pglite && processes > 1) throw new Error("PGlite is one process's own database: --processes 1");

const pglite = values.pglite;
const dataDir = pglite ? mkdtempSync(join(tmpdir(), "surgedesk-bench-")) : undefined;
const admin = new pg.Client({ connectionString: adminUrl });
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;
if (!pglite) {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
}

async function startApi(port: number): Promise<ChildProcess> {
  const url = `http://127.0.0.1:${port}`;
  const profile = values.profile ? ["--cpu-prof", "--cpu-prof-dir", values.profile] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: {
      // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and the like
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== "DATABASE_URL")),
      ...(pglite ? { DATA_DIR: dataDir } : { DATABASE_URL: benchUrl.toString() }),
      INSTAGRAM_APP_SECRET: secret,
      DEMO: "false",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      ...(values.lanes ? { INGEST_CONCURRENCY: values.lanes } : {}),
      ...(values["max-lag"] ? { INGEST_MAX_LAG_S: values["max-lag"] } : {}),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  watchRss(child);
  // Up to 2 minutes: migrating a fresh PGlite database on a busy machine takes a while.
  for (let i = 0; i < 1200; i++) {
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
  if (pglite) return;
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
    url: urls,
    events,
    duplicateShare: Number(values.duplicates),
    rate: Number(values.rate),
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

let api = await startApi(ports[0]!);
// Started one after another: the first applies the migrations.
const others: ChildProcess[] = [];
for (const port of ports.slice(1)) others.push(await startApi(port));
const results: SimulationResult[] = [];
if (killAt !== undefined) {
  const first = Math.round(totalEvents * killAt);
  results.push(await phase("before", first, { at: 0.5, child: api }));
  await new Promise((r) => setTimeout(r, 200));
  console.log("API killed with SIGKILL; restarting on the same database…");
  api = await startApi(ports[0]!);
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
await sampleBackendCpu();
clearInterval(backendSampler);
const apiCpu = cpuSeconds(false) - startupCpuSeconds;
const dbCpu = cpuSeconds(true);

// Stopped before the checks (PGlite has one connection) and before its database is dropped,
// so it exits cleanly (and writes its profile).
await Promise.all(
  [api, ...others].map(
    (child) =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  ),
);
const database = await openDatabase(pglite ? { dataDir } : { databaseUrl: benchUrl.toString() });
const db = database.db;
const rows = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from messages where external_id = any(${sql.param([...acked])}::text[]) group by external_id`,
);
const storedOnce = rows.filter((r) => r.n === 1).length;
const [totals] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from messages`);
// Per message: from the delivery's receipt to its batch being marked processed. The worker's
// rate: events processed from the first receipt to the last mark.
const [perMessage] = await queryRows<{ p50: number; p95: number; max: number; events: number; span: number }>(
  db,
  sql`select percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at))::float8 as p50,
             percentile_cont(0.95) within group (order by extract(epoch from processed_at - received_at))::float8 as p95,
             max(extract(epoch from processed_at - received_at))::float8 as max,
             count(*)::int as events,
             extract(epoch from max(processed_at) - min(received_at))::float8 as span
      from inbound_events where status = 'processed'`,
);
// Exactly-once beyond the messages: every spike-metric bucket equals a full recount, every
// customer message has its classification, no message points at a missing row.
let metricsMatch = true;
let buckets = 0;
for (const { id } of await queryRows<{ id: string }>(db, sql`select id from workspaces`)) {
  const recount = await recountSpikeMetrics(db, id);
  const stored = await readStoredSpikeMetrics(db, id);
  buckets += stored.buckets.size;
  metricsMatch &&= isDeepStrictEqual(Object.fromEntries(stored.buckets), Object.fromEntries(recount.buckets));
}
const [unclassified] = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from messages where direction = 'inbound' and classification is null`,
);
const dangling = Object.values(await danglingMessageReferences(db)).reduce((a, b) => a + b, 0);
await database.close();
if (pglite) rmSync(dataDir!, { recursive: true, force: true });
else {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

const accepted = results.reduce((n, r) => n + r.accepted, 0);
const seconds = results.reduce((n, r) => n + r.seconds, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const refused = new Map<number, number>();
for (const r of results) for (const [status, n] of r.refused) refused.set(status, (refused.get(status) ?? 0) + n);
console.log(
  `database:   ${pglite ? "PGlite (embedded)" : "PostgreSQL"}${Number(values.rate) > 0 ? `, sent at ${values.rate} deliveries/s` : ""}; ${processes} API process${processes > 1 ? "es sharing the backlog" : ""}${values.lanes ? `, ${values.lanes} ingest lanes each` : ""}`,
);
console.log(`events:     ${totalEvents} distinct, ${results.reduce((n, r) => n + r.duplicatesSent, 0)} duplicates sent`);
console.log(`accepted:   ${accepted} deliveries answered 200, ${(accepted / seconds).toFixed(0)} events/s over ${seconds.toFixed(1)} s`);
if (refused.size > 0) {
  const withRetryAfter = results.reduce((n, r) => n + r.refusedWithRetryAfter, 0);
  console.log(
    `refused:    ${[...refused].map(([status, n]) => `${n} answered ${status}`).join(", ")}, ${withRetryAfter} of them with Retry-After (the platform retries these later)`,
  );
}
if (killAt !== undefined) console.log(`killed:     SIGKILL at ${(killAt * 50).toFixed(0)}% of the run; ${failed} deliveries got no answer (not acknowledged)`);
else if (failed > 0) console.log(`unanswered: ${failed} deliveries got no answer (connection errors; not acknowledged, the platform retries them)`);
console.log(`processed:  ${perMessage!.events} events, ${(perMessage!.events / perMessage!.span).toFixed(0)} messages/s from the first receipt to the last commit`);
console.log(
  `lag:        ${lag.toFixed(1)} s from the last delivery until every event was processed; per message p50 ${perMessage!.p50.toFixed(2)} s, p95 ${perMessage!.p95.toFixed(2)} s, max ${perMessage!.max.toFixed(2)} s`,
);
console.log(`stored:     ${storedOnce} of ${acked.size} acknowledged events stored exactly once; ${totals!.n} messages in all`);
console.log(
  `checks:     spike metrics ${metricsMatch ? "equal" : "DIFFER FROM"} a full recount (${buckets} buckets); ${unclassified!.n} messages without classification; ${dangling} dangling references`,
);
console.log(`memory:     API peak RSS ${peakRssMb.toFixed(0)} MB${processes > 1 ? " (the largest process)" : ""}`);
console.log(
  `cpu:        API ${apiCpu.toFixed(1)} s after start-up${pglite ? " (the database runs inside it)" : `, PostgreSQL ${dbCpu.toFixed(1)} s`}: ${((apiCpu * 1e6) / acked.size).toFixed(0)}${pglite ? "" : ` + ${((dbCpu * 1e6) / acked.size).toFixed(0)}`} µs per event`,
);
process.exit(storedOnce === acked.size && metricsMatch && unclassified!.n === 0 && dangling === 0 ? 0 : 1);
