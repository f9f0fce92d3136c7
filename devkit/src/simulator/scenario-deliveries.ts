import { signMetaPayload } from "@surgedesk/api/platforms/instagram/signature.ts";
import { signTikTokPayload, TIKTOK_SIGNATURE_HEADER } from "@surgedesk/api/platforms/tiktok/signature.ts";
import type { TikTokBusinessWorld } from "../emulators/tiktok/business-world.ts";
import type { Scenario, ScenarioMessage } from "./scenarios/scenario.ts";

/** An HTTP delivery, signed when it is sent (TikTok refuses signatures older than 5 minutes). */
export interface HttpDelivery {
  type: "http";
  atMs: number;
  externalId: string;
  path: string;
  body: string;
  headers(now: Date): Record<string, string>;
}

/** A TikTok comment: it only reaches Surgedesk by polling, so it is put into the emulated world. */
export interface WorldDelivery {
  type: "world";
  atMs: number;
  /** Adds the comment and returns its TikTok id. */
  apply(): string;
}

export type ScenarioDelivery = HttpDelivery | WorldDelivery;

export interface DeliveryTargets {
  /** Scenario time 0 as a real instant: payload timestamps are `simStartMs + atMs`. */
  simStartMs: number;
  /** Keeps ids unique across runs against the same database. */
  runId: string;
  instagram: { appSecret: string; accountId: string };
  tiktok: {
    clientSecret: string;
    businessId: string;
    /**
     * Where TikTok comments go. `world`: into an emulated TikTok that Surgedesk polls (demo mode,
     * the evaluation). `dm`: TikTok has no comment webhooks, so a scenario played against a
     * running server by URL sends the video's traffic as Business Messaging DMs instead.
     */
    comments: { mode: "world"; world: TikTokBusinessWorld; videoIds: ReadonlyMap<string, string> } | { mode: "dm" };
  };
}

/** The platform id a scenario's Instagram post gets in this run: numeric, like Meta's. */
export function instagramMediaId(runId: string, postKey: string): string {
  let h = 0;
  for (const c of `${runId}:${postKey}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `18${String(h).padStart(10, "0")}${String(postKey.length).padStart(3, "0")}`;
}

/**
 * Turns a scenario's messages into what each platform would send, stamped on the scenario's
 * clock: Instagram comment and DM webhooks (signed like Meta's), TikTok Business Messaging
 * webhooks (signed like TikTok's, at sending time), and TikTok comments for the emulated world.
 */
export function scenarioDeliveries(scenario: Scenario, messages: readonly ScenarioMessage[], targets: DeliveryTargets): ScenarioDelivery[] {
  const posts = new Map(scenario.posts.map((p) => [p.key, p]));
  const externalIds: string[] = [];
  const tiktokCommentIds = new Map<number, string>();
  const { simStartMs, runId, instagram, tiktok } = targets;

  return messages.map((message): ScenarioDelivery => {
    const at = simStartMs + message.atMs;
    const user = `${runId}${String(message.author).padStart(7, "0")}`;
    const parent = message.parent === null ? undefined : externalIds[message.parent];
    if (message.platform === "tiktok" && message.kind === "comment" && tiktok.comments.mode === "world") {
      const { world, videoIds } = tiktok.comments;
      const videoId = videoIds.get(message.post ?? "");
      if (!videoId) throw new Error(`no emulated video for ${message.post}`);
      const parentIndex = message.parent;
      externalIds.push("");
      return {
        type: "world",
        atMs: message.atMs,
        apply: () => {
          const parentCommentId = parentIndex === null ? null : (tiktokCommentIds.get(parentIndex) ?? null);
          const comment = world.addComment(videoId, { userId: user, username: `tt_${user.slice(-6)}`, text: message.text, createdAt: new Date(at), parentCommentId });
          tiktokCommentIds.set(message.index, comment.commentId);
          return comment.commentId;
        },
      };
    }
    if (message.platform === "tiktok") {
      const externalId = `sim${runId}t${message.index}`;
      externalIds.push(externalId);
      const body = JSON.stringify({
        client_key: "awsimulator",
        event: "im_receive_msg",
        create_time: Math.floor(at / 1000),
        user_openid: tiktok.businessId,
        content: JSON.stringify({
          conversation_id: `conv_${user}`,
          message_id: externalId,
          timestamp: at,
          type: "text",
          text: { body: message.text },
          from_user: { id: user },
          to_user: { id: tiktok.businessId },
        }),
      });
      return {
        type: "http",
        atMs: message.atMs,
        externalId,
        path: "/webhooks/tiktok",
        body,
        headers: (now) => ({ "content-type": "application/json", [TIKTOK_SIGNATURE_HEADER]: signTikTokPayload(body, tiktok.clientSecret, now) }),
      };
    }
    const externalId = message.kind === "comment" ? `179${runId}${String(message.index).padStart(9, "0")}` : `aWdfZG1f${runId}${message.index}`;
    externalIds.push(externalId);
    const post = message.post ? posts.get(message.post) : undefined;
    const entry =
      message.kind === "comment"
        ? {
            id: instagram.accountId,
            time: Math.floor(at / 1000),
            changes: [
              {
                field: "comments",
                value: {
                  id: externalId,
                  text: message.text,
                  from: { id: user, username: `ig_${user.slice(-6)}` },
                  media: { id: instagramMediaId(runId, message.post ?? ""), media_product_type: post?.caption.startsWith("Reel") ? "REELS" : "FEED" },
                  ...(parent && { parent_id: parent }),
                },
              },
            ],
          }
        : {
            id: instagram.accountId,
            time: Math.floor(at / 1000),
            messaging: [{ sender: { id: user }, recipient: { id: instagram.accountId }, timestamp: at, message: { mid: externalId, text: message.text } }],
          };
    const body = JSON.stringify({ object: "instagram", entry: [entry] });
    const signature = signMetaPayload(body, instagram.appSecret);
    return {
      type: "http",
      atMs: message.atMs,
      externalId,
      path: "/webhooks/instagram",
      body,
      headers: () => ({ "content-type": "application/json", "x-hub-signature-256": signature }),
    };
  });
}
