/**
 * The spike monitor's bars, measured: plays each scenario through the real webhook endpoints
 * (and TikTok comments through the emulated API and the real pollers) into Surgedesk on a fresh
 * PostgreSQL database, in lock-step with a simulated clock, with the real classifier and the
 * detector stepping every 15 simulated seconds; then scores the alerts against the surges the
 * scenario contains. Last, the ingest bar: the surge scenario, many times over, as fast as
 * possible through HTTP into the API as a child process, with count in = count stored.
 *
 *   pnpm eval:spikes [--scenarios step-surge,share-surge,…] [--seed 1] [--copies 15] [--skip-throughput]
 */
import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import pg from "pg";
import { eq } from "drizzle-orm";
import { loadConfig, type Config } from "../src/config.ts";
import { openDatabase } from "../src/db/client.ts";
import { campaigns, messages, posts, spikeAlerts } from "../src/db/schema/index.ts";
import { startEmulatorServer } from "@surgedesk/devkit/emulators/emulator-server.ts";
import { createTikTokEmulator } from "@surgedesk/devkit/emulators/tiktok/tiktok-emulator.ts";
import { createLogger } from "../src/lib/logger.ts";
import { loadClassifier } from "../src/nlp/classifier.ts";
import { createRuntime } from "../src/runtime.ts";
import { createSpikeDetector } from "../src/spikes/detector/spike-detector.ts";
import { readStoredSpikeMetrics, recountSpikeMetrics } from "../src/spikes/metrics/recount-spike-metrics.ts";
import { databaseMacroCatalog } from "../src/spikes/readiness/macro-catalog.ts";
import { createSyncScheduler } from "../src/sync/sync-scheduler.ts";
import { ensureWorkspace } from "../src/workspaces/ensure-workspace.ts";
import { runLockstep } from "@surgedesk/devkit/simulator/in-process-run.ts";
import { detectionFloor, type DetectionFloor } from "@surgedesk/devkit/simulator/detection-floor.ts";
import { judgeAlerts, TWO_MINUTE_BAR_MIN_RATE_PER_MINUTE, type JudgedAlert } from "@surgedesk/devkit/simulator/judge-alerts.ts";
import { instagramMediaId, scenarioDeliveries, type HttpDelivery } from "@surgedesk/devkit/simulator/scenario-deliveries.ts";
import { generateTraffic } from "@surgedesk/devkit/simulator/scenarios/generate-traffic.ts";
import { scenarioByName } from "@surgedesk/devkit/simulator/scenarios/index.ts";
import { loadLabelledTexts } from "@surgedesk/devkit/simulator/scenarios/labelled-texts.ts";

const { values } = parseArgs({
  options: {
    scenarios: { type: "string", default: "step-surge,share-surge,viral-tiktok,scam-wave,overlapping-campaigns,quiet-day" },
    seed: { type: "string", default: "1" },
    copies: { type: "string", default: "15" },
    concurrency: { type: "string", default: "256" },
    port: { type: "string", default: "3112" },
    "skip-throughput": { type: "boolean", default: false },
  },
});

// eslint-disable-next-line no-restricted-properties -- an evaluation command, pointed at a server like the API is
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const INSTAGRAM_SECRET = randomBytes(16).toString("hex");
const TIKTOK_SECRET = randomBytes(16).toString("hex");
const texts = loadLabelledTexts();
const classifier = loadClassifier();
const logger = createLogger("warn");

async function freshDatabase(): Promise<string> {
  const name = `surgedesk_eval_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(url: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
}

const fmt = (minutes: number | null) => (minutes === null ? "missed" : `${minutes.toFixed(2)} min`);
const floors = new Map<string, DetectionFloor>();
/** The benchmark detector at the false-alert bar's budget (see detection-floor.ts). */
function floorFor(fromPerMinute: number, ratio: number): DetectionFloor {
  const key = `${fromPerMinute}×${ratio}`;
  if (!floors.has(key)) floors.set(key, detectionFloor(fromPerMinute, { ratio, series: 200, falseAlertsPerDay: 1, trials: 2000 }));
  return floors.get(key)!;
}
const summary: string[] = [];

async function evaluateScenario(name: string, seed: number) {
  const scenario = scenarioByName(name);
  const played = generateTraffic(scenario, texts, seed);
  const databaseUrl = await freshDatabase();
  const database = await openDatabase({ databaseUrl });
  await database.migrate();
  const config: Config = {
    ...loadConfig({ DEMO: "false", LOG_LEVEL: "warn", INSTAGRAM_APP_SECRET: INSTAGRAM_SECRET, TIKTOK_CLIENT_SECRET: TIKTOK_SECRET }),
    databaseUrl,
    encryptionKey: randomBytes(32),
  };
  const workspaceId = await ensureWorkspace(database.db, "Eval brand");
  const { app, ingest, live } = createRuntime({ config, database, logger, classifier });
  const clock = { now: new Date(Math.ceil(Date.now() / 60_000) * 60_000) };
  const tiktok = createTikTokEmulator({ now: () => clock.now });
  const emulators = startEmulatorServer(tiktok.handlers);
  const sync = createSyncScheduler({ db: database.db, config, logger, notifyIngest: () => {}, now: () => clock.now, random: () => 0.5 });
  const detector = createSpikeDetector({ db: database.db, logger, macroCatalog: databaseMacroCatalog(database.db) });
  const runId = randomBytes(3).toString("hex");
  const bar = new cliProgress.SingleBar({ format: `${name.padEnd(22)} [{bar}] scenario minute {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(scenario.durationMinutes, 0);
  const simStart = clock.now.getTime();
  const started = performance.now();
  const run = await runLockstep(
    { app, db: database.db, config, workspaceId, ingest, detector, tiktok: { world: tiktok.world, sync } },
    { scenario, messages: played, clock, runId, onStep: (minute) => bar.update(minute) },
  );
  bar.stop();
  const seconds = (performance.now() - started) / 1000;
  emulators.close();

  const stored = await database.db.select({ id: messages.id }).from(messages).where(eq(messages.workspaceId, workspaceId));
  const sent = run.acceptedIds.size + run.worldIds.length;
  const recount = await recountSpikeMetrics(database.db, workspaceId);
  const incremental = await readStoredSpikeMetrics(database.db, workspaceId);
  const same = (a: Map<string, unknown>, b: Map<string, unknown>) => a.size === b.size && [...a].every(([k, v]) => JSON.stringify(v) === JSON.stringify(b.get(k)));
  const metricsOk = same(recount.buckets, incremental.buckets) && same(recount.backlog, incremental.backlog);

  // Alerts, named back into the scenario's terms.
  const keyOf = new Map<string, string>();
  for (const post of scenario.posts) {
    const external = post.platform === "instagram" ? instagramMediaId(runId, post.key) : run.videoIds.get(post.key);
    if (external) keyOf.set(external, post.key);
  }
  const postRows = await database.db.select({ id: posts.id, externalId: posts.externalId }).from(posts);
  const postKey = new Map(postRows.map((p) => [p.id, keyOf.get(p.externalId) ?? p.externalId]));
  const campaignRows = await database.db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns);
  const campaignName = new Map(campaignRows.map((c) => [c.id, c.name.replace(` (${runId})`, "")]));
  const alertRows = await database.db.select().from(spikeAlerts);
  const alerts: JudgedAlert[] = alertRows.map((a) => ({
    series: `${a.seriesKind}:${a.seriesKind === "post" ? postKey.get(a.seriesId) : a.seriesKind === "campaign" ? campaignName.get(a.seriesId) : a.seriesId}`,
    triggers: a.triggers,
    severity: a.severity,
    detectedAtMs: a.detectedAt.getTime() - simStart,
    resolvedAtMs: a.resolvedAt ? a.resolvedAt.getTime() - simStart : null,
  }));
  const judged = judgeAlerts(scenario, alerts);

  console.log(`\n${name} (seed ${seed}): ${scenario.description}`);
  console.log(`  ${played.length} messages over ${scenario.durationMinutes} scenario minutes in ${seconds.toFixed(0)} s (${((scenario.durationMinutes * 60) / seconds).toFixed(0)}× real time)`);
  console.log(`  count in = count stored: ${sent} sent, ${stored.length} stored ${sent === stored.length ? "✓" : "✗"}; refused ${run.refused}`);
  console.log(`  incremental metrics = full recount (${incremental.buckets.size} buckets, backlog of ${incremental.backlog.size} series): ${metricsOk ? "✓" : "✗"}`);
  for (const d of judged.detections) {
    const { fromPerMinute, ratio = 5 } = d.surge;
    // The 2-minute bar, for steps in volume at or above its minimum volume (judge-alerts.ts).
    const verdict =
      fromPerMinute === undefined
        ? ""
        : fromPerMinute * ratio >= TWO_MINUTE_BAR_MIN_RATE_PER_MINUTE
          ? d.latencyMinutes !== null && d.latencyMinutes <= 2
            ? " ✓ (bar: within 2 min)"
            : " ✗ (bar: within 2 min)"
          : ` (below the bar's minimum volume of ${TWO_MINUTE_BAR_MIN_RATE_PER_MINUTE}/min)`;
    console.log(`  surge ${d.surge.post.padEnd(12)} ${d.surge.trigger.padEnd(11)} at minute ${d.surge.startMinute}: alert after ${fmt(d.latencyMinutes)}${verdict} — ${d.surge.description}`);
    console.log(`      alerts raised for it: ${d.alerts.length} (${d.alerts.map((a) => a.series).join(", ") || "none"})`);
    if (fromPerMinute !== undefined) {
      const floor = floorFor(fromPerMinute, ratio);
      console.log(
        `      benchmark: an oracle CUSUM (quickest on average, handed both true rates) at ≤ 1 false alert a day over 200 posts catches ${(floor.caughtWithin * 100).toFixed(1)}% of ${fromPerMinute} → ${fromPerMinute * ratio}/min steps within 2 min (median ${floor.medianMinutes.toFixed(2)} min, p90 ${floor.p90Minutes.toFixed(2)} min)`,
      );
    }
    summary.push(`${name}\t${d.surge.post}\t${d.surge.trigger}\t${fmt(d.latencyMinutes)}${verdict}\t${d.alerts.length} ${d.alerts.length === 1 ? "alert" : "alerts"}`);
  }
  console.log(`  alerts: ${alerts.length} in all (${alerts.filter((a) => a.detectedAtMs >= scenario.warmupMinutes * 60_000).length} after warm-up); false alerts after warm-up: ${judged.falseAlerts.length} over ${judged.judgedDays.toFixed(2)} simulated days`);
  for (const a of judged.falseAlerts.slice(0, 8)) console.log(`    false: ${a.series} ${a.triggers.join("+")} at minute ${(a.detectedAtMs / 60_000).toFixed(1)}`);
  summary.push(`${name}\tfalse alerts\t${judged.falseAlerts.length}\tper ${judged.judgedDays.toFixed(2)} days`);

  await live.stop();
  await database.close();
  await dropDatabase(databaseUrl);
}

async function startApi(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: join(dirname(fileURLToPath(import.meta.url)), ".."),
    env: {
      // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and the like
      ...process.env,
      DATABASE_URL: databaseUrl,
      INSTAGRAM_APP_SECRET: INSTAGRAM_SECRET,
      TIKTOK_CLIENT_SECRET: TIKTOK_SECRET,
      DEMO: "false",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the API did not start");
}

async function throughput(copies: number, concurrency: number, port: number) {
  const scenario = scenarioByName("viral-tiktok");
  const databaseUrl = await freshDatabase();
  const api = await startApi(databaseUrl, port);
  // The surge scenario many times over (each copy its own ids), as fast as the server takes it.
  const deliveries: HttpDelivery[] = [];
  for (let copy = 0; copy < copies; copy++) {
    const played = generateTraffic(scenario, texts, copy + 1);
    const made = scenarioDeliveries(scenario, played, {
      simStartMs: Date.now() - scenario.durationMinutes * 60_000,
      runId: randomBytes(3).toString("hex"),
      instagram: { appSecret: INSTAGRAM_SECRET, accountId: "17841400000000001" },
      tiktok: { clientSecret: TIKTOK_SECRET, businessId: "-000evalshop", comments: { mode: "dm" } },
    });
    deliveries.push(...made.filter((d): d is HttpDelivery => d.type === "http"));
  }
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const accepted = new Set<string>();
  let failed = 0;
  let next = 0;
  const bar = new cliProgress.SingleBar({ format: "ingest bar             [{bar}] {value}/{total} deliveries", hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(deliveries.length, 0);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++]!;
        const status = await new Promise<number>((resolve) => {
          const body = d.body;
          const req = request(`http://127.0.0.1:${port}${d.path}`, { method: "POST", agent, headers: { ...d.headers(new Date()), "content-length": Buffer.byteLength(body) } }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          req.on("error", () => resolve(0));
          req.end(body);
        });
        if (status === 200) accepted.add(d.externalId);
        else failed += 1;
        bar.increment();
      }
    }),
  );
  const acceptSeconds = (performance.now() - started) / 1000;
  bar.stop();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  for (;;) {
    const { rows } = await db.query<{ n: number }>("select count(*)::int as n from inbound_events where status = 'pending'");
    if (rows[0]!.n === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const drainedSeconds = (performance.now() - started) / 1000;
  const { rows: once } = await db.query<{ n: number }>(
    "select count(*)::int as n from (select external_id from messages where external_id = any($1) group by external_id having count(*) = 1) t",
    [[...accepted]],
  );
  const { rows: total } = await db.query<{ n: number }>("select count(*)::int as n from messages");
  const { rows: counted } = await db.query<{ n: number }>("select coalesce(sum(received), 0)::int as n from spike_metrics where series_kind = 'platform' and bucket_seconds = 60");
  await db.end();
  api.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await dropDatabase(databaseUrl);
  agent.destroy();
  console.log(`\ningest bar: ${copies}× the viral-tiktok scenario (${deliveries.length} webhook deliveries: Instagram comments and DMs, TikTok DMs) over HTTP, concurrency ${concurrency}, PostgreSQL`);
  console.log(`  accepted:   ${accepted.size} in ${acceptSeconds.toFixed(1)} s = ${(accepted.size / acceptSeconds).toFixed(0)} deliveries/s answered 200 (${failed} not)`);
  console.log(`  ingested:   all processed ${drainedSeconds.toFixed(1)} s after the first = ${(accepted.size / drainedSeconds).toFixed(0)} messages/s end to end, metrics included`);
  console.log(`  exactly once: ${once[0]!.n} of ${accepted.size} stored once; ${total[0]!.n} messages in all; ${counted[0]!.n} counted in the spike metrics`);
  summary.push(`ingest\taccepted/s\t${(accepted.size / acceptSeconds).toFixed(0)}\tend-to-end/s ${(accepted.size / drainedSeconds).toFixed(0)}\tonce ${once[0]!.n}/${accepted.size}`);
}

for (const name of values.scenarios.split(",").filter(Boolean)) await evaluateScenario(name, Number(values.seed));
if (!values["skip-throughput"]) await throughput(Number(values.copies), Number(values.concurrency), Number(values.port));
console.log(`\nsummary\n${summary.join("\n")}`);
process.exit(0);
