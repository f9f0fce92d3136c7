import { describe, expect, it } from "vitest";
import { readFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { parseCommentWebhook, tiktokEventOf } from "./comment-webhook-payload.ts";
import { normalizeTikTokCommentWebhook } from "./normalize-comment-webhook.ts";

function normalize(body: string) {
  const parsed = parseCommentWebhook(body);
  if (!parsed.ok) throw new Error(parsed.message);
  return normalizeTikTokCommentWebhook(parsed.value);
}

/** A fixture with its `content` rewritten (the content is a JSON string inside the envelope). */
function withContent(fixture: string, change: (content: string) => string): string {
  const envelope = JSON.parse(readFixture(fixture)) as { content: string };
  return JSON.stringify({ ...envelope, content: change(envelope.content) });
}

describe("TikTok comment.update webhooks", () => {
  it("reads ids sent as JSON numbers beyond 2^53 exactly, where JSON.parse would round them", () => {
    const body = readFixture("tiktok/comment-update-insert.json");
    const plain = JSON.parse((JSON.parse(body) as { content: string }).content) as { comment_id: number };
    expect(String(plain.comment_id)).not.toBe("7412345678901234567");

    const { messages, changes, pushed } = normalize(body);
    expect(messages).toEqual([
      expect.objectContaining({
        platform: "tiktok",
        channel: "tiktok_business",
        kind: "comment",
        direction: "inbound",
        externalId: "7412345678901234567",
        parentExternalId: "7541002003004005006",
        threadKey: "tiktok:comment:7541002003004005006",
        authorExternalId: "dani.k",
        authorHandle: "dani.k",
        text: "same here, still waiting on #10511",
        visibility: "visible",
        createdAt: new Date(1755780400 * 1000),
        accountExternalId: "-000Kq2vYxLbN7c9RtUe4WmHs1pZ3aFd",
        post: { externalId: "7409876543210987654", productType: "VIDEO" },
      }),
    ]);
    // A new comment says nothing of its visibility (a reply held back as spam gets no event).
    expect(changes).toEqual([]);
    expect(pushed).toEqual([
      { channel: "tiktok_business", accountExternalId: "-000Kq2vYxLbN7c9RtUe4WmHs1pZ3aFd", resource: "tiktok.video_comments", resourceId: "7409876543210987654", at: new Date(1755780400 * 1000) },
    ]);
  });

  it.each([
    ["tiktok/comment-update-hidden.json", "hidden", 1755780500],
    ["tiktok/comment-update-friends-only.json", "friends_only", 1755780550],
    ["tiktok/comment-update-public.json", "visible", 1755780590],
  ] as const)("%s changes the comment's visibility to %s, as of the event's time", (fixture, visibility, at) => {
    const { messages, changes } = normalize(readFixture(fixture));
    expect(changes).toEqual([{ platform: "tiktok", externalId: "7541002003004005006", observedAt: new Date(at * 1000), visibility }]);
    // A top-level comment: `parent_comment_id: 0` is no parent. Stored like this if never gathered before.
    expect(messages).toEqual([expect.objectContaining({ externalId: "7541002003004005006", parentExternalId: null, threadKey: "tiktok:comment:7541002003004005006", visibility })]);
  });

  it("marks a deleted comment deleted; without its text, only a stored copy changes", () => {
    expect(normalize(readFixture("tiktok/comment-update-delete.json")).changes).toEqual([
      { platform: "tiktok", externalId: "7412345678901234567", observedAt: new Date(1755780600 * 1000), visibility: "deleted" },
    ]);
    const textless = withContent("tiktok/comment-update-delete.json", (content) => content.replace(/,"text":"[^"]*"/, ""));
    const { messages, changes } = normalize(textless);
    expect(messages).toEqual([]);
    expect(changes).toHaveLength(1);
  });

  it("accepts an action TikTok may add later and skips it", () => {
    const body = withContent("tiktok/comment-update-hidden.json", (content) => content.replace("set_to_hidden", "set_to_pinned"));
    expect(normalize(body)).toEqual({ messages: [], skipped: ['comment action "set_to_pinned" is not gathered'] });
  });

  it("refuses a content that is not JSON, or misses the comment's ids, saying where", () => {
    const notJson = parseCommentWebhook(withContent("tiktok/comment-update-insert.json", () => "{comment_id: 1"));
    expect(notJson).toMatchObject({ ok: false, code: "validation_failed" });
    const noId = parseCommentWebhook(withContent("tiktok/comment-update-insert.json", (content) => content.replace(/"comment_id":\d+,/, "")));
    expect(noId.ok).toBe(false);
    if (!noId.ok) expect(noId.message).toContain("content.comment_id");
    expect(parseCommentWebhook("{not json")).toMatchObject({ ok: false, code: "invalid_json" });
  });

  it("tells a comment event from a DM event by its envelope", () => {
    expect(tiktokEventOf(readFixture("tiktok/comment-update-insert.json"))).toBe("comment.update");
    expect(tiktokEventOf(readFixture("tiktok/dm-receive-text.json"))).toBe("im_receive_msg");
    expect(tiktokEventOf("[1,2]")).toBeNull();
  });
});
