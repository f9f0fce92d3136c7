import { randomBytes } from "node:crypto";
import { Agent, request } from "node:http";
import cliProgress from "cli-progress";
import type { SpikeAlert } from "@surgedesk/shared";
import { generateTraffic } from "./scenarios/generate-traffic.ts";
import { loadLabelledTexts } from "./scenarios/labelled-texts.ts";
import { scenarioByName } from "./scenarios/index.ts";
import { instagramMediaId, scenarioDeliveries } from "./scenario-deliveries.ts";
import { playDeliveries } from "./play-deliveries.ts";
import { readStatus, waitForDrain } from "./wait-for-drain.ts";

export interface ScenarioCommand {
  name: string;
  url: string;
  /** Signs the API calls in (an admin's API token). */
  headers: Record<string, string>;
  instagramSecret: string;
  /** TikTok's client secret; without it the scenario's TikTok traffic is left out. */
  tiktokSecret: string | undefined;
  /** Scenario minutes per real minute. */
  speed: number;
  seed: number;
  concurrency: number;
}

const clockOf = (ms: number) => `${String(Math.floor(ms / 3_600_000)).padStart(2, "0")}:${String(Math.floor((ms / 60_000) % 60)).padStart(2, "0")}`;

/**
 * `pnpm simulate <scenario>`: plays a scenario against a running Surgedesk through its real
 * webhook endpoints, at `speed`× (60 plays an hour in a minute), with a progress bar in scenario
 * time. Payload times follow the scenario's clock, which is laid so that it ends when the run
 * ends: nothing is dated in the future, and the server's detector (on event time) sees the
 * scenario unfold at its own pace. TikTok has no comment webhooks, so against a server by URL a
 * video's comments are sent as TikTok DMs (demo mode and the evaluation put them in the emulated
 * TikTok, which Surgedesk polls). Returns the process exit code.
 */
export async function simulateScenario(command: ScenarioCommand): Promise<number> {
  const scenario = scenarioByName(command.name);
  const messages = generateTraffic(scenario, loadLabelledTexts(), command.seed);
  const runId = randomBytes(3).toString("hex");
  const durationMs = scenario.durationMinutes * 60_000;
  const simStartMs = Date.now() - durationMs + durationMs / command.speed;
  const all = scenarioDeliveries(scenario, messages, {
    simStartMs,
    runId,
    instagram: { appSecret: command.instagramSecret, accountId: "17841400000000001" },
    tiktok: { clientSecret: command.tiktokSecret ?? "", businessId: "-000simulatedshop", comments: { mode: "dm" } },
  });
  const deliveries = command.tiktokSecret ? all : all.filter((d) => d.type !== "http" || d.path !== "/webhooks/tiktok");
  console.log(`${scenario.name}: ${scenario.description}`);
  console.log(`${deliveries.length} messages over ${scenario.durationMinutes} scenario minutes at ${command.speed}× ≈ ${(scenario.durationMinutes / command.speed).toFixed(1)} real minutes`);
  if (!command.tiktokSecret) console.log("TIKTOK_CLIENT_SECRET is not set: the scenario's TikTok traffic is left out.");

  const before = await readStatus(command.url, command.headers);
  const agent = new Agent({ keepAlive: true, maxSockets: command.concurrency });
  const send = (path: string, body: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const req = request(new URL(path, command.url), { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      req.on("error", reject);
      req.end(body);
    });

  // Campaigns are tagged, as an admin would, once their posts have appeared.
  const pendingCampaigns = [...scenario.campaigns];
  const tagCampaigns = async () => {
    for (const campaign of [...pendingCampaigns]) {
      const externalIds = campaign.posts.filter((key) => key.startsWith("ig")).map((key) => instagramMediaId(runId, key));
      const res = await fetch(`${command.url}/api/spikes/campaigns`, {
        method: "POST",
        headers: { ...command.headers, "content-type": "application/json" },
        body: JSON.stringify({ name: `${campaign.name} (${runId})`, source: campaign.creatorHandle ? "creator" : "manual", creatorHandle: campaign.creatorHandle, postExternalIds: externalIds }),
      });
      if (res.status === 201) pendingCampaigns.splice(pendingCampaigns.indexOf(campaign), 1);
    }
  };
  const tagger = setInterval(() => void tagCampaigns().catch(() => undefined), 5_000);

  const bar = new cliProgress.SingleBar(
    { format: "playing  [{bar}] {percentage}% | scenario {clock} of {end} | {value}/{total} messages", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(deliveries.length, 0, { clock: "00:00", end: clockOf(durationMs) });
  const result = await playDeliveries(deliveries, {
    speed: command.speed,
    concurrency: command.concurrency,
    send,
    onProgress: (done) => bar.update(done, { clock: clockOf(deliveries[done - 1]?.atMs ?? 0) }),
  });
  bar.stop();
  clearInterval(tagger);
  await tagCampaigns().catch(() => undefined);
  const after = await waitForDrain(command.url, { headers: command.headers });
  const stored = after.totalMessages - before.totalMessages;
  console.log(`sent:     ${deliveries.length} deliveries, ${result.acceptedIds.size} accepted, ${(result.acceptedIds.size / result.seconds).toFixed(0)}/s over ${result.seconds.toFixed(1)} s`);
  console.log(`stored:   ${stored} new messages for ${result.acceptedIds.size} accepted (count in = count stored: ${stored === result.acceptedIds.size ? "yes" : "NO"})`);
  if (result.refused.size > 0 || result.failed > 0) console.log(`refused:  ${JSON.stringify(Object.fromEntries(result.refused))}; failed: ${result.failed}`);
  if (pendingCampaigns.length > 0) console.log(`campaigns not tagged (their posts never appeared): ${pendingCampaigns.map((c) => c.name).join(", ")}`);
  const alerts = await fetch(`${command.url}/api/spikes/alerts?limit=50`, { headers: command.headers });
  if (alerts.ok) {
    const { items } = (await alerts.json()) as { items: SpikeAlert[] };
    const during = items.filter((a) => Date.parse(a.detectedAt) >= simStartMs);
    console.log(`alerts:   ${during.length} raised during the run (the server's detector steps every 10 s)`);
    for (const a of during.slice(0, 12)) console.log(`  ${a.severity.padEnd(8)} ${a.seriesKind.padEnd(8)} ${a.seriesName} — ${a.triggers.join("+")}, peak ${a.peak.ratio.toFixed(1)}×`);
  }
  agent.destroy();
  return stored === result.acceptedIds.size ? 0 : 1;
}
