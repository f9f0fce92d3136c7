/**
 * Rehearse a viral spike: sends signed comment webhooks to a running Surgedesk at a chosen rate,
 * or plays a named scenario (see devkit/src/simulator/scenarios) on its own clock at a speed-up,
 * with duplicates as platforms send them, then waits for ingestion to catch up and checks that
 * every distinct event became exactly one message.
 *
 *   INSTAGRAM_APP_SECRET=… pnpm simulate --events 5000 --rate 500 --duplicates 0.1
 *   INSTAGRAM_APP_SECRET=… TIKTOK_CLIENT_SECRET=… pnpm simulate viral-tiktok --speed 60
 */
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import cliProgress from "cli-progress";
import { loadCommentTexts } from "@surgedesk/devkit/simulator/comment-texts.ts";
import { createInstagramTraffic } from "@surgedesk/devkit/simulator/instagram-traffic.ts";
import { runSimulation } from "@surgedesk/devkit/simulator/run-simulation.ts";
import { readStatus, waitForDrain } from "@surgedesk/devkit/simulator/wait-for-drain.ts";
import { simulateScenario } from "@surgedesk/devkit/simulator/simulate-scenario.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    events: { type: "string", default: "2000" },
    rate: { type: "string", default: "0" },
    duplicates: { type: "string", default: "0.1" },
    concurrency: { type: "string", default: "64" },
    posts: { type: "string", default: "5" },
    /** Scenario minutes per real minute, for `pnpm simulate <scenario>`. */
    speed: { type: "string", default: "60" },
    seed: { type: "string", default: "1" },
  },
});

// eslint-disable-next-line no-restricted-properties -- a command-line tool, configured like the server it talks to
const secret = process.env.INSTAGRAM_APP_SECRET;
if (!secret) {
  console.error("Set INSTAGRAM_APP_SECRET to the secret the server was started with.");
  process.exit(2);
}

const url = values.url.replace(/\/$/, "");
const events = Number(values.events);
// eslint-disable-next-line no-restricted-properties -- a command-line tool, configured like the server it talks to
const apiToken = process.env.SURGEDESK_API_TOKEN;
if (!apiToken) {
  console.error("Set SURGEDESK_API_TOKEN to an API token (an admin creates one: POST /api/tokens) to read the ingest status.");
  process.exit(2);
}
const headers = { authorization: `Bearer ${apiToken}` };
if (positionals[0]) {
  const exitCode = await simulateScenario({
    name: positionals[0],
    url,
    headers,
    instagramSecret: secret,
    // eslint-disable-next-line no-restricted-properties -- a command-line tool, configured like the server it talks to
    tiktokSecret: process.env.TIKTOK_CLIENT_SECRET,
    speed: Number(values.speed),
    seed: Number(values.seed),
    concurrency: Number(values.concurrency),
  });
  process.exit(exitCode);
}
const before = await readStatus(url, headers);
const bar = new cliProgress.SingleBar(
  { format: "sending  [{bar}] {percentage}% | {value}/{total} deliveries | {eta_formatted} left", hideCursor: true },
  cliProgress.Presets.shades_classic,
);
const next = createInstagramTraffic({
  secret,
  accountId: "17841400000000001",
  mediaIds: Array.from({ length: Number(values.posts) }, (_, i) => `1817214329534${String(9200 + i)}`),
  texts: loadCommentTexts(),
  runId: randomBytes(3).toString("hex"),
});
bar.start(Math.round(events * (1 + Number(values.duplicates))), 0);
const result = await runSimulation({
  url,
  events,
  duplicateShare: Number(values.duplicates),
  rate: Number(values.rate),
  concurrency: Number(values.concurrency),
  next,
  onProgress: (sent) => bar.update(sent),
});
bar.stop();
const sentAt = Date.now();
const after = await waitForDrain(url, { headers });
const lagSeconds = (Date.now() - sentAt) / 1000;
const stored = after.totalMessages - before.totalMessages;

console.log(`accepted:   ${result.accepted} deliveries (${result.acceptedIds.size} distinct, ${result.duplicatesSent} duplicates sent)`);
console.log(`rate:       ${(result.accepted / result.seconds).toFixed(0)} deliveries/s accepted over ${result.seconds.toFixed(1)} s`);
console.log(`drained:    ${lagSeconds.toFixed(1)} s after the last delivery (end-to-end lag)`);
console.log(`stored:     ${stored} new messages for ${result.acceptedIds.size} distinct events`);
if (result.refused.size > 0 || result.failed > 0) {
  console.log(`refused:    ${JSON.stringify(Object.fromEntries(result.refused))}; failed: ${result.failed}`);
}
process.exit(stored === result.acceptedIds.size ? 0 : 1);
