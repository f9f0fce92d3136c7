import { describe, expect, it } from "vitest";
import { readJsonFixture } from "@surgedesk/devkit/testing/fixtures.ts";
import { tiktokVideoSchema, videoPageDataSchema } from "./video-payload.ts";

describe("video list payload", () => {
  it("reads the video list fixture: ids, creation times sent as strings, paging", () => {
    const { data } = readJsonFixture<{ data: unknown }>("tiktok/video-list-page.json");
    const page = videoPageDataSchema.parse(data);
    expect(page).toMatchObject({ cursor: 2, has_more: false });
    const videos = (page.videos ?? []).map((video) => tiktokVideoSchema.parse(video));
    expect(videos.map((v) => [v.item_id, v.create_time])).toEqual([
      ["7409876543210987654", new Date(1755770000 * 1000)],
      ["7398765432109876543", new Date(1752000000 * 1000)],
    ]);
  });
});
