import type { Config } from "@surgedesk/api/config.ts";
import type { Database } from "@surgedesk/api/db/client.ts";
import type { TikTokBusinessWorld } from "../emulators/tiktok/business-world.ts";
import { connectEmulatedBusiness } from "../emulators/tiktok/connect-emulated-business.ts";
import type { IngestWorker } from "@surgedesk/api/ingest/worker.ts";
import type { SpikeDetector } from "@surgedesk/api/spikes/detector/spike-detector.ts";
import type { SyncScheduler } from "@surgedesk/api/sync/sync-scheduler.ts";
import { createScenarioCampaigns } from "./scenario-campaigns.ts";
import { scenarioDeliveries, type ScenarioDelivery } from "./scenario-deliveries.ts";
import type { Scenario, ScenarioMessage } from "./scenarios/scenario.ts";

export interface InProcessTarget {
  app: { request(path: string, init: RequestInit): Response | Promise<Response> };
  db: Database;
  config: Config;
  workspaceId: string;
  ingest: IngestWorker;
  detector: SpikeDetector;
  /** A poll scheduler on `clock` (and an emulated TikTok world on it), for TikTok comments. */
  tiktok?: { world: TikTokBusinessWorld; sync: SyncScheduler };
}

export interface LockstepOptions {
  scenario: Scenario;
  messages: readonly ScenarioMessage[];
  /** The scenario clock, which the caller's emulated world and poll scheduler also read. */
  clock: { now: Date };
  runId: string;
  /** Scenario seconds between detector steps (the worker steps every 10 s of wall time). */
  stepSeconds?: number;
  /** Minutes to keep polling after the last delivery, so polled platforms catch up. */
  drainMinutes?: number;
  onStep?: (minute: number) => void;
}

export interface LockstepResult {
  /** The emulated TikTok video id of each TikTok post of the scenario. */
  videoIds: Map<string, string>;
  delivered: number;
  acceptedIds: Set<string>;
  worldIds: string[];
  refused: number;
}

/**
 * Plays a scenario through the real webhook endpoints (and, for TikTok comments, the emulated
 * API and the real pollers) in lock-step with a simulated clock: each step delivers what is due,
 * polls what is due, drains ingestion, and steps the detector at that moment. The scenario runs
 * as fast as the machine allows, and every figure is in scenario time.
 */
export async function runLockstep(target: InProcessTarget, options: LockstepOptions): Promise<LockstepResult> {
  const { scenario, messages, clock, runId } = options;
  const stepMs = (options.stepSeconds ?? 15) * 1000;
  const simStartMs = clock.now.getTime();
  const videoIds = new Map<string, string>();
  let businessId = `-000sim${runId}`;
  if (target.tiktok) {
    const business = target.tiktok.world.addBusiness({ businessId, username: "glowbar.official" });
    businessId = business.businessId;
    for (const post of scenario.posts.filter((p) => p.platform === "tiktok")) {
      videoIds.set(post.key, target.tiktok.world.addVideo(businessId, { createdAt: new Date(simStartMs - 30 * 60_000), caption: post.caption }).itemId);
    }
    await connectEmulatedBusiness(target.db, target.config, target.workspaceId, business);
  }
  const deliveries = scenarioDeliveries(scenario, messages, {
    simStartMs,
    runId,
    instagram: { appSecret: target.config.instagram.appSecret ?? "", accountId: "17841400000000001" },
    tiktok: {
      clientSecret: target.config.tiktok.clientSecret ?? "",
      businessId,
      comments: target.tiktok ? { mode: "world", world: target.tiktok.world, videoIds } : { mode: "dm" },
    },
  });
  const result: LockstepResult = { videoIds, delivered: 0, acceptedIds: new Set(), worldIds: [], refused: 0 };
  let campaignsMade = false;
  let next = 0;
  // TikTok comments arrive by polling, a minute or more late: keep stepping after the end.
  const endMs = (scenario.durationMinutes + (target.tiktok ? (options.drainMinutes ?? 10) : 0)) * 60_000;
  for (let t = stepMs; t <= endMs; t += stepMs) {
    clock.now = new Date(simStartMs + t);
    const due: ScenarioDelivery[] = [];
    while (next < deliveries.length && deliveries[next]!.atMs <= t) due.push(deliveries[next++]!);
    await Promise.all(
      due.map(async (d) => {
        if (d.type === "world") {
          result.worldIds.push(d.apply());
          return;
        }
        const response = await target.app.request(d.path, { method: "POST", headers: d.headers(new Date()), body: d.body });
        await response.arrayBuffer();
        if (response.status === 200) result.acceptedIds.add(d.externalId);
        else result.refused += 1;
      }),
    );
    result.delivered += due.length;
    if (target.tiktok) {
      for (let round = 0; round < 5 && (await target.tiktok.sync.drain()) > 0; round++);
    }
    await target.ingest.drain();
    // Campaigns are tagged once their posts exist, as an admin would; their history moves in.
    if (!campaignsMade && scenario.campaigns.length > 0 && t >= 60_000) {
      campaignsMade = await createScenarioCampaigns(target.db, target.workspaceId, scenario, runId, videoIds);
    }
    await target.detector.tick({ workspaceId: target.workspaceId, at: clock.now });
    if (t % 60_000 === 0) options.onStep?.(t / 60_000);
  }
  return result;
}
