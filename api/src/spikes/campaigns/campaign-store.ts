import { labelSeries } from "../queries/series-names.ts";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Campaign, CampaignRequest } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { campaignPosts, campaigns, posts, spikeDetectorStates, spikeMetrics } from "../../db/schema/index.ts";
import type { Executor } from "../../db/types.ts";
import { ApiError } from "../../errors/api-error.ts";
import { newId } from "../../lib/ids.ts";
import { applyPostToCampaign } from "./campaign-metrics.ts";

async function requirePosts(db: Executor, workspaceId: string, postIds: string[]) {
  if (postIds.length === 0) return;
  const found = await db.select({ id: posts.id }).from(posts).where(and(eq(posts.workspaceId, workspaceId), inArray(posts.id, postIds)));
  const known = new Set(found.map((p) => p.id));
  const unknown = postIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new ApiError("validation_failed", `Invalid json: postIds: no such post: ${unknown.slice(0, 5).join(", ")}`);
}

/** The campaign's baseline no longer describes it after its posts change: relearn it. */
async function forgetBaseline(db: Executor, workspaceId: string, campaignId: string) {
  await db
    .delete(spikeDetectorStates)
    .where(and(eq(spikeDetectorStates.workspaceId, workspaceId), eq(spikeDetectorStates.seriesKind, "campaign"), eq(spikeDetectorStates.seriesId, campaignId)));
}

export async function listCampaigns(db: Database, workspaceId: string): Promise<Campaign[]> {
  const rows = await db.select().from(campaigns).where(eq(campaigns.workspaceId, workspaceId)).orderBy(campaigns.createdAt);
  const members = rows.length
    ? await db.select().from(campaignPosts).where(inArray(campaignPosts.campaignId, rows.map((r) => r.id)))
    : [];
  // Posts by their readable names, however old or quiet they are.
  const names = await labelSeries(db, workspaceId, [...new Set(members.map((m) => m.postId))].map((id) => ({ kind: "post" as const, id })));
  return rows.map((row) => {
    const postIds = members.filter((m) => m.campaignId === row.id).map((m) => m.postId);
    return {
      id: row.id,
      name: row.name,
      source: row.source,
      creatorHandle: row.creatorHandle,
      postIds,
      posts: postIds.map((id) => ({ id, name: names.get(`post:${id}`)?.name ?? id, platform: names.get(`post:${id}`)?.platform ?? null })),
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** Internal ids of posts named by their platform ids; an unknown one is a validation error. */
async function postsByExternalId(db: Executor, workspaceId: string, externalIds: string[]) {
  if (externalIds.length === 0) return [];
  const found = await db
    .select({ id: posts.id, externalId: posts.externalId })
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), inArray(posts.externalId, externalIds)));
  const missing = externalIds.filter((e) => !found.some((f) => f.externalId === e));
  if (missing.length > 0) throw new ApiError("validation_failed", `Invalid json: postExternalIds: no post with platform id ${missing.slice(0, 5).join(", ")} yet`);
  return found.map((f) => f.id);
}

/** Creates a campaign; its metrics start with its posts' whole history. */
export async function createCampaign(db: Database, workspaceId: string, request: CampaignRequest): Promise<Campaign> {
  const id = await db.transaction(async (tx) => {
    const postIds = [...new Set([...(request.postIds ?? []), ...(await postsByExternalId(tx, workspaceId, request.postExternalIds ?? []))])];
    await requirePosts(tx, workspaceId, postIds);
    const [existing] = await tx.select({ id: campaigns.id }).from(campaigns).where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.name, request.name)));
    if (existing) throw new ApiError("validation_failed", `Invalid json: name: a campaign named "${request.name}" already exists.`);
    const campaignId = newId("cmp");
    await tx.insert(campaigns).values({ id: campaignId, workspaceId, name: request.name, source: request.source ?? "manual", creatorHandle: request.creatorHandle ?? null });
    for (const postId of postIds) {
      await tx.insert(campaignPosts).values({ campaignId, postId });
      await applyPostToCampaign(tx, workspaceId, campaignId, postId, 1);
    }
    return campaignId;
  });
  return (await listCampaigns(db, workspaceId)).find((c) => c.id === id)!;
}

/** Adds and removes posts, moving their history into or out of the campaign's series. */
export async function changeCampaignPosts(db: Database, workspaceId: string, campaignId: string, change: { add: string[]; remove: string[] }) {
  await db.transaction(async (tx) => {
    const [campaign] = await tx.select().from(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId))).for("update");
    if (!campaign) throw new ApiError("not_found", "No campaign with that id.");
    await requirePosts(tx, workspaceId, change.add);
    for (const postId of new Set(change.add)) {
      const added = await tx.insert(campaignPosts).values({ campaignId, postId }).onConflictDoNothing().returning();
      if (added.length > 0) await applyPostToCampaign(tx, workspaceId, campaignId, postId, 1);
    }
    for (const postId of new Set(change.remove)) {
      const removed = await tx
        .delete(campaignPosts)
        .where(and(eq(campaignPosts.campaignId, campaignId), eq(campaignPosts.postId, postId)))
        .returning();
      if (removed.length > 0) await applyPostToCampaign(tx, workspaceId, campaignId, postId, -1);
    }
    await forgetBaseline(tx, workspaceId, campaignId);
  });
  return (await listCampaigns(db, workspaceId)).find((c) => c.id === campaignId)!;
}

/** Deletes a campaign and its series; its past alerts stay in the feed. */
export async function deleteCampaign(db: Database, workspaceId: string, campaignId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx.delete(campaigns).where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId))).returning();
    if (removed.length === 0) return false;
    await tx
      .delete(spikeMetrics)
      .where(and(eq(spikeMetrics.workspaceId, workspaceId), eq(spikeMetrics.seriesKind, "campaign"), eq(spikeMetrics.seriesId, campaignId)));
    await forgetBaseline(tx, workspaceId, campaignId);
    await tx.execute(sql`update spike_alerts set status = 'resolved', resolved_at = now() where series_kind = 'campaign' and series_id = ${campaignId} and status = 'open'`);
    return true;
  });
}
