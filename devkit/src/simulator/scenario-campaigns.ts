import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@surgedesk/api/db/client.ts";
import { posts } from "@surgedesk/api/db/schema/index.ts";
import { createCampaign } from "@surgedesk/api/spikes/campaigns/campaign-store.ts";
import { instagramMediaId } from "./scenario-deliveries.ts";
import type { Scenario } from "./scenarios/scenario.ts";

/** The platform id a scenario post has in this run. */
export function externalIdOf(scenario: Scenario, key: string, runId: string, videoIds: ReadonlyMap<string, string>): string | undefined {
  const post = scenario.posts.find((p) => p.key === key);
  if (!post) return undefined;
  return post.platform === "instagram" ? instagramMediaId(runId, key) : videoIds.get(key);
}

/**
 * Tags the scenario's campaigns once their posts are stored (a post exists in Surgedesk from its
 * first comment). Returns false while some post has not appeared yet.
 */
export async function createScenarioCampaigns(db: Database, workspaceId: string, scenario: Scenario, runId: string, videoIds: ReadonlyMap<string, string>) {
  const wanted = new Map(scenario.campaigns.flatMap((c) => c.posts).map((key) => [externalIdOf(scenario, key, runId, videoIds) ?? "", key]));
  const rows = await db
    .select({ id: posts.id, externalId: posts.externalId })
    .from(posts)
    .where(and(eq(posts.workspaceId, workspaceId), inArray(posts.externalId, [...wanted.keys()])));
  if (rows.length < wanted.size) return false;
  const idOf = new Map(rows.map((r) => [wanted.get(r.externalId)!, r.id]));
  for (const campaign of scenario.campaigns) {
    await createCampaign(db, workspaceId, {
      name: `${campaign.name} (${runId})`,
      source: campaign.creatorHandle ? "creator" : "manual",
      ...(campaign.creatorHandle && { creatorHandle: campaign.creatorHandle }),
      postIds: campaign.posts.map((key) => idOf.get(key)!),
    });
  }
  return true;
}
