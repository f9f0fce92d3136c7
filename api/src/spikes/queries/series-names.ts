import { and, eq, inArray } from "drizzle-orm";
import { postKindName, type Platform, type PostSummary, type SpikeSeriesKind } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { campaigns, posts } from "../../db/schema/index.ts";
import { shorten } from "../../lib/shorten.ts";
import { postThumbnailPath } from "../../posts/thumbnail-path.ts";

export interface SeriesLabel {
  name: string;
  platform: Platform | null;
  post: PostSummary | null;
}

const PLATFORM_NAMES: Record<string, string> = { instagram: "Instagram", tiktok: "TikTok" };


/**
 * Readable names for series: a post by its caption (or, without one, its kind and when it was
 * published; its platform id is no name a person reads), a campaign by its name. Only the
 * workspace's own posts and campaigns are named: an id from another workspace stays an id.
 */
export async function labelSeries(
  db: Database,
  workspaceId: string,
  series: { kind: SpikeSeriesKind; id: string }[],
): Promise<Map<string, SeriesLabel>> {
  const postIds = [...new Set(series.filter((s) => s.kind === "post").map((s) => s.id))];
  const campaignIds = [...new Set(series.filter((s) => s.kind === "campaign").map((s) => s.id))];
  const postRows = postIds.length ? await db.select().from(posts).where(and(eq(posts.workspaceId, workspaceId), inArray(posts.id, postIds))) : [];
  const campaignRows = campaignIds.length ? await db.select().from(campaigns).where(and(eq(campaigns.workspaceId, workspaceId), inArray(campaigns.id, campaignIds))) : [];
  const labels = new Map<string, SeriesLabel>();
  for (const p of postRows) {
    const kind = postKindName(p.platform, p.productType);
    // Captions run to several lines of hashtags: the first words on one line name the post.
    const caption = p.caption?.replace(/\s+/g, " ").trim() ?? "";
    const published = p.publishedAt ? ` of ${p.publishedAt.toISOString().slice(0, 10)}` : "";
    labels.set(`post:${p.id}`, {
      name: caption.length > 0 ? `${shorten(caption, 60)} (${kind})` : `Untitled ${kind}${published}`,
      platform: p.platform,
      post: { id: p.id, externalId: p.externalId, productType: p.productType, caption: p.caption, thumbnail: postThumbnailPath(p) },
    });
  }
  for (const c of campaignRows) labels.set(`campaign:${c.id}`, { name: c.name, platform: null, post: null });
  for (const s of series) {
    if (s.kind === "platform") labels.set(`platform:${s.id}`, { name: PLATFORM_NAMES[s.id] ?? s.id, platform: s.id as Platform, post: null });
    if (!labels.has(`${s.kind}:${s.id}`)) labels.set(`${s.kind}:${s.id}`, { name: s.id, platform: null, post: null });
  }
  return labels;
}
