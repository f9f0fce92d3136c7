import { signMetaPayload } from "@surgedesk/api/platforms/instagram/signature.ts";
import { connectedAccounts } from "@surgedesk/api/db/schema/index.ts";
import { newId } from "@surgedesk/api/lib/ids.ts";
import { TEST_INSTAGRAM_SECRET, type TestApp } from "./test-app.ts";

/** The Instagram account every delivery below is for. */
export const TEST_INSTAGRAM_ACCOUNT_ID = "17841400000000001";

/** Connects that account to the test workspace (no token: nothing polls it), so deliveries land there. */
export async function connectDeliveryAccount(t: Pick<TestApp, "database" | "workspaceId">): Promise<void> {
  await t.database.db
    .insert(connectedAccounts)
    .values({ id: newId("acct"), workspaceId: t.workspaceId, platform: "instagram", channel: "instagram", externalAccountId: TEST_INSTAGRAM_ACCOUNT_ID });
}

let sequence = 0;

/** A unique Instagram comment delivery, as Meta would send it; ids never collide across tests. */
export function instagramCommentDelivery(overrides: { text?: string; parentId?: string; mediaId?: string; time?: number } = {}) {
  sequence += 1;
  const commentId = `179${Date.now()}${String(sequence).padStart(5, "0")}`;
  const body = {
    object: "instagram",
    entry: [
      {
        id: TEST_INSTAGRAM_ACCOUNT_ID,
        time: overrides.time ?? Math.floor(Date.now() / 1000),
        changes: [
          {
            field: "comments",
            value: {
              id: commentId,
              text: overrides.text ?? `is this still in stock? (${sequence})`,
              from: { id: `60${sequence}`, username: `buyer_${sequence}` },
              media: { id: overrides.mediaId ?? "18172143295349192", media_product_type: "REELS" },
              ...(overrides.parentId && { parent_id: overrides.parentId }),
            },
          },
        ],
      },
    ],
  };
  return { commentId, body: JSON.stringify(body) };
}

/** Request init for a signed POST to /webhooks/instagram. */
export function signedInstagramPost(body: string, secret = TEST_INSTAGRAM_SECRET): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signMetaPayload(body, secret) },
    body,
  };
}
