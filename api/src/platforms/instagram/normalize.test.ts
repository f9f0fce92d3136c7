import { describe, expect, it } from "vitest";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { normalizeInstagramWebhook } from "./normalize.ts";
import { igWebhookPayloadSchema } from "./webhook-payload.ts";

const normalizeFixture = (path: string) => normalizeInstagramWebhook(igWebhookPayloadSchema.parse(readJsonFixture(path)));

describe("normalizeInstagramWebhook", () => {
  it("turns a comment webhook into an inbound comment on its reel", () => {
    const { messages, skipped } = normalizeFixture("instagram/comment.json");
    expect(skipped).toEqual([]);
    expect(messages).toEqual([
      {
        platform: "instagram",
        channel: "instagram",
        kind: "comment",
        direction: "inbound",
        externalId: "17919697626119712",
        parentExternalId: null,
        threadKey: "instagram:comment:17919697626119712",
        authorExternalId: "6011223344",
        authorHandle: "buyer123",
        // The IG-scoped id is what DMs carry as the sender: it links this comment to their DMs.
        contactExternalId: "2105722729836161",
        contactHandle: "buyer123",
        text: "where is my order?? ordered 2 weeks ago #10482",
        likes: 0,
        visibility: "visible",
        createdAt: new Date(1755779280 * 1000),
        accountExternalId: "17841400000000001",
        post: { externalId: "18172143295349192", productType: "REELS" },
      },
    ]);
  });

  it("threads a reply under its parent comment", () => {
    const [reply] = normalizeFixture("instagram/comment-reply.json").messages;
    expect(reply).toMatchObject({
      externalId: "17920011223344556",
      parentExternalId: "17919697626119712",
      threadKey: "instagram:comment:17919697626119712",
      authorHandle: "jess.shops",
    });
  });

  it("turns a messaging DM into an inbound DM in the customer's conversation", () => {
    const { messages } = normalizeFixture("instagram/dm.json");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      kind: "dm",
      direction: "inbound",
      authorExternalId: "1254477180031415",
      threadKey: "instagram:dm:17841400000000001:1254477180031415",
      text: "hi, my package says delivered but nothing came",
      createdAt: new Date(1716300000123),
      post: null,
    });
  });

  it("recognises an echo as the brand's own message in the same conversation", () => {
    const [echo] = normalizeFixture("instagram/dm-echo.json").messages;
    expect(echo).toMatchObject({
      direction: "outbound",
      authorExternalId: "17841400000000001",
      threadKey: "instagram:dm:17841400000000001:1254477180031415",
    });
  });

  it("accepts the dashboard's test DM in the changes shape, with a seconds timestamp as text", () => {
    const [dm] = normalizeFixture("instagram/dm-in-changes.json").messages;
    expect(dm).toMatchObject({ kind: "dm", externalId: "random_mid", text: "random_text" });
    expect(dm?.createdAt.toISOString()).toBe(new Date(1527459824 * 1000).toISOString());
  });

  it("skips fields it does not gather and says why", () => {
    const { messages, skipped } = normalizeFixture("instagram/mentions.json");
    expect(messages).toEqual([]);
    expect(skipped).toEqual(['field "mentions" is not gathered']);
  });

  it("skips read receipts and describes attachment-only DMs", () => {
    const payload = igWebhookPayloadSchema.parse({
      object: "instagram",
      entry: [
        {
          id: "1",
          time: 1716300000,
          messaging: [
            { sender: { id: "2" }, recipient: { id: "1" }, timestamp: 1716300000000, read: { mid: "m0" } },
            {
              sender: { id: "2" },
              recipient: { id: "1" },
              timestamp: 1716300000001,
              message: { mid: "m1", attachments: [{ type: "image" }] },
            },
          ],
        },
      ],
    });
    const { messages, skipped } = normalizeInstagramWebhook(payload);
    expect(skipped).toHaveLength(1);
    expect(messages.map((m) => m.text)).toEqual(["[1 attachment]"]);
  });

  it("refuses a comment without an id or author", () => {
    const result = igWebhookPayloadSchema.safeParse({
      object: "instagram",
      entry: [{ id: "1", time: 1, changes: [{ field: "comments", value: { text: "hi" } }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["entry.0.changes.0.value.id", "entry.0.changes.0.value.from"]),
    );
  });
});
