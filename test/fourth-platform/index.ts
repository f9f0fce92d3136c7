import { Hono } from "hono";
import { ApiError, type Connector } from "../../api/src/connectors/contract.ts";
import { FAKECHAT_WEBHOOK_TOKEN, fakechatWorld } from "./fakechat-world.ts";
import { FAKECHAT_CHANNEL, FAKECHAT_PLATFORM, normalizeFakechatPage } from "./normalize.ts";

const COMMENTS = "fakechat.comments";

/** A fourth platform, written the way every platform is: one folder whose index exports a Connector. */
export const fakechatConnector: Connector = {
  channel: FAKECHAT_CHANNEL,
  platform: FAKECHAT_PLATFORM,
  label: "Fakechat",
  eventFormats: { "fakechat.webhook": normalizeFakechatPage, "fakechat.comment_page": normalizeFakechatPage },
  webhooks: [
    {
      path: "fakechat",
      routes: (host) =>
        new Hono().post("/", async (c) => {
          if (c.req.header("x-fakechat-token") !== FAKECHAT_WEBHOOK_TOKEN) throw new ApiError("unauthorized", "Bad token.");
          const { eventId } = await host.accept({ format: "fakechat.webhook", body: await c.req.text() });
          return c.json({ received: true, eventId }, 200);
        }),
    },
  ],
  pollers: [
    {
      resource: COMMENTS,
      channel: FAKECHAT_CHANNEL,
      async poll({ account, cursor }) {
        const seen = Number(cursor.newestSeenId ?? 0);
        const fresh = fakechatWorld.comments.filter((c) => c.accountId === account.externalAccountId).slice(seen);
        return {
          events: fresh.length ? [{ format: "fakechat.comment_page", body: JSON.stringify({ comments: fresh }) }] : [],
          // The whole list is one page here; how many were read so far is where the next pass starts.
          pageCursor: null,
          state: {},
          newestSeenId: String(seen + fresh.length),
          itemsGathered: fresh.length,
          nextPollInMs: 60_000,
        };
      },
    },
  ],
  rootResources: [COMMENTS],
  sender: ({ row }) => ({
    send: async () => ({ externalId: fakechatWorld.reply(row.target.commentId!, row.text) }),
    findExisting: async () => "unknown",
    alreadyDelivered: () => false,
  }),
  async hideComment({ externalId }) {
    fakechatWorld.hidden.add(externalId);
  },
  replies: {
    commentToDm: () => ({ mode: "none", reason: "Fakechat has no private messages." }),
    publicReply: ({ message }, text) => ({ kind: "public_reply", platform: FAKECHAT_PLATFORM, text, target: { commentId: message.externalId } }),
    directMessage: () => ({ refused: "Fakechat has no private messages." }),
  },
};
