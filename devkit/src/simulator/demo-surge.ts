import type { Config } from "@surgedesk/api/config.ts";
import type { InstagramWorld } from "../emulators/instagram/instagram-world.ts";
import { mirrorInstagramDelivery } from "../emulators/instagram/mirror-deliveries.ts";
import type { TikTokBusinessWorld } from "../emulators/tiktok/business-world.ts";
import { playDeliveries } from "./play-deliveries.ts";
import { instagramMediaId, scenarioDeliveries, type HttpDelivery, type ScenarioDelivery } from "./scenario-deliveries.ts";
import { generateTraffic } from "./scenarios/generate-traffic.ts";
import { scenarioByName } from "./scenarios/index.ts";
import { loadLabelledTexts } from "./scenarios/labelled-texts.ts";
import type { Scenario } from "./scenarios/scenario.ts";

export interface DemoSurgeOptions {
  /** The app to POST the webhooks to (`runtime.app`), so the demo uses the production path. */
  app: { request(path: string, init: RequestInit): Response | Promise<Response> };
  config: Config;
  /**
   * Demo mode's emulated TikTok and the business Surgedesk polls there. Without it, the
   * scenario's TikTok comments are sent as TikTok DMs.
   */
  tiktok?: { world: TikTokBusinessWorld; businessId: string; surgeVideoId?: string };
  /**
   * Demo mode's emulated Instagram and the account the webhooks are for: the scenario's reels
   * (with their captions) and each comment and DM, as it is delivered, exist there too, so an
   * agent can reply to them.
   */
  instagram?: { world: InstagramWorld; accountId: string };
  /** A scenario name from devkit/src/simulator/scenarios (default `viral-tiktok`), or a scenario. */
  scenario?: string | Scenario;
  /**
   * The scenario minute that plays "now": everything before it is delivered at once as recent
   * history (so baselines exist), everything after plays live in real time. For `viral-tiktok`,
   * 57 puts the surge three minutes after the call.
   */
  liveFromMinute?: number;
  seed?: number;
  onError?: (error: unknown) => void;
}

export interface DemoSurge {
  /** Settles when the whole scenario has been played (or it was stopped). */
  done: Promise<{ delivered: number; accepted: number }>;
  stop(): void;
}

/**
 * Plays a surge into a running demo so a newcomer sees one happen: first the scenario's recent
 * history in one go, then the rest live, through the real webhook endpoints and, for TikTok
 * comments, the emulated TikTok that Surgedesk polls. Within a few minutes the spikes page shows
 * the video surging, the alert and its missing macros.
 *
 * @example  // in demo mode, once the emulated platforms are up:
 *   const surge = startDemoSurge({
 *     app: runtime.app,
 *     config,
 *     tiktok: { world: demoPlatforms.tiktok.world, businessId: tiktokBusinessId, surgeVideoId: launchVideo.itemId },
 *   });
 *   // on shutdown: surge.stop();
 */
export function startDemoSurge(options: DemoSurgeOptions): DemoSurge {
  const scenario = typeof options.scenario === "object" ? options.scenario : scenarioByName(options.scenario ?? "viral-tiktok");
  const liveFromMs = (options.liveFromMinute ?? 57) * 60_000;
  const controller = new AbortController();
  const now = Date.now();
  const runId = `d${now.toString(36).slice(-5)}`;
  const videoIds = new Map<string, string>();
  const { tiktok } = options;
  if (tiktok) {
    for (const post of scenario.posts.filter((p) => p.platform === "tiktok")) {
      const surgeVideo = post.key === "tt-viral" ? tiktok.surgeVideoId : undefined;
      videoIds.set(post.key, surgeVideo ?? tiktok.world.addVideo(tiktok.businessId, { createdAt: new Date(now - 2 * 3_600_000), caption: post.caption }).itemId);
    }
  }
  const { instagram } = options;
  const captions = new Map<string, string>();
  for (const post of scenario.posts.filter((p) => p.platform === "instagram")) {
    const mediaId = instagramMediaId(runId, post.key);
    captions.set(mediaId, post.caption);
    if (instagram && !instagram.world.hasMedia(mediaId)) {
      instagram.world.addMedia(instagram.accountId, { id: mediaId, productType: post.caption.startsWith("Reel") ? "REELS" : "FEED", caption: post.caption, timestamp: new Date(now - 2 * 3_600_000) });
    }
  }
  const deliveries = scenarioDeliveries(scenario, generateTraffic(scenario, loadLabelledTexts(), options.seed ?? 1), {
    simStartMs: now - liveFromMs,
    runId,
    instagram: { appSecret: options.config.instagram.appSecret ?? "", accountId: instagram?.accountId ?? "17841400000000001" },
    tiktok: {
      clientSecret: options.config.tiktok.clientSecret ?? "",
      businessId: tiktok?.businessId ?? "-000demoshop",
      comments: tiktok ? { mode: "world", world: tiktok.world, videoIds } : { mode: "dm" },
    },
  });
  // Comments a poller has already passed would not be gathered again, so TikTok comments from
  // the past are left out of the history: the video's own baseline starts with the live part.
  const history = deliveries.filter((d): d is HttpDelivery => d.atMs < liveFromMs && d.type === "http");
  const live: ScenarioDelivery[] = deliveries.filter((d) => d.atMs >= liveFromMs).map((d) => ({ ...d, atMs: d.atMs - liveFromMs }));
  const send = async (path: string, body: string, headers: Record<string, string>) => {
    // On the platform first, as on the real one: the comment exists before its webhook is sent.
    if (instagram && path === "/webhooks/instagram") {
      mirrorInstagramDelivery(instagram.world, instagram.accountId, JSON.parse(body), (mediaId) => captions.get(mediaId) ?? "New drop ✨");
    }
    const response = await options.app.request(path, { method: "POST", headers, body });
    await response.arrayBuffer();
    return response.status;
  };

  const done = (async () => {
    let accepted = 0;
    const past = await playDeliveries(history, { speed: Infinity, concurrency: 8, send, signal: controller.signal });
    accepted += past.acceptedIds.size;
    const played = await playDeliveries(live, { speed: 1, concurrency: 8, send, signal: controller.signal });
    accepted += played.acceptedIds.size + played.worldIds.length;
    return { delivered: history.length + live.length, accepted };
  })();
  done.catch((error: unknown) => options.onError?.(error));
  return { done, stop: () => controller.abort() };
}
