import { signMetaPayload } from "@surgedesk/api/platforms/instagram/signature.ts";

export interface SimulatedDelivery {
  /** The platform id of the comment inside: what "stored exactly once" is checked against. */
  externalId: string;
  body: string;
  headers: Record<string, string>;
}

export interface InstagramTrafficOptions {
  secret: string;
  accountId: string;
  mediaIds: string[];
  texts: string[];
  /** Keeps ids unique across runs against the same database. */
  runId: string;
  random?: () => number;
}

/** Builds signed Instagram comment deliveries, as Meta would send them, one per call. */
export function createInstagramTraffic({ secret, accountId, mediaIds, texts, runId, random = Math.random }: InstagramTrafficOptions) {
  let sequence = 0;
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  return (): SimulatedDelivery => {
    sequence += 1;
    const externalId = `sim${runId}${String(sequence).padStart(9, "0")}`;
    const userId = String(6_000_000_000 + Math.floor(random() * 50_000_000));
    const body = JSON.stringify({
      object: "instagram",
      entry: [
        {
          id: accountId,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: "comments",
              value: {
                id: externalId,
                text: pick(texts),
                from: { id: userId, username: `buyer_${userId.slice(-6)}` },
                media: { id: pick(mediaIds), media_product_type: "REELS" },
              },
            },
          ],
        },
      ],
    });
    return {
      externalId,
      body,
      headers: { "content-type": "application/json", "x-hub-signature-256": signMetaPayload(body, secret) },
    };
  };
}
