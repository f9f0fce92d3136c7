import { sql } from "drizzle-orm";
import { posts } from "../db/schema/index.ts";
import { compareText } from "../lib/compare-text.ts";
import { newId } from "../lib/ids.ts";
import { withoutNul } from "../lib/without-nul.ts";
import type { ConnectedAccount, Tx } from "../db/types.ts";
import type { PostDetails } from "../connectors/contract.ts";

/**
 * Saves what a poll learned about the account's posts. Comments arrive (by webhook or poll)
 * knowing only their post's id; the caption is what lets a marketer tell which video is surging.
 * A post seen here first is created; a known one gets the newest caption (captions get edited)
 * and keeps what it had where the platform sent nothing. Rows that would not change are not
 * written, so reading the media list every few minutes costs no churn.
 */
export async function recordPostDetails(tx: Tx, account: ConnectedAccount, details: readonly PostDetails[]): Promise<void> {
  // One row per post (a list page can repeat an item when the list shifts under the cursor), in
  // id order like ingestion's inserts, so two transactions creating the same posts cannot deadlock.
  const unique = [...new Map(details.map((d) => [d.externalId, d])).values()].sort((a, b) => compareText(a.externalId, b.externalId));
  if (unique.length === 0) return;
  await tx
    .insert(posts)
    .values(
      unique.map((d) => ({
        id: newId("post"),
        workspaceId: account.workspaceId,
        accountId: account.id,
        platform: account.platform,
        externalId: withoutNul(d.externalId),
        productType: withoutNul(d.productType),
        caption: withoutNul(d.caption),
        permalink: withoutNul(d.permalink),
        thumbnailUrl: withoutNul(d.thumbnailUrl),
        publishedAt: d.publishedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [posts.platform, posts.externalId],
      set: {
        caption: sql`coalesce(excluded.caption, ${posts.caption})`,
        permalink: sql`coalesce(excluded.permalink, ${posts.permalink})`,
        thumbnailUrl: sql`coalesce(excluded.thumbnail_url, ${posts.thumbnailUrl})`,
        productType: sql`coalesce(${posts.productType}, excluded.product_type)`,
        publishedAt: sql`coalesce(excluded.published_at, ${posts.publishedAt})`,
      },
      // Only a post of this workspace, and only when something changed.
      setWhere: sql`${posts.workspaceId} = excluded.workspace_id and (
        ${posts.caption} is distinct from coalesce(excluded.caption, ${posts.caption})
        or ${posts.permalink} is distinct from coalesce(excluded.permalink, ${posts.permalink})
        or ${posts.thumbnailUrl} is distinct from coalesce(excluded.thumbnail_url, ${posts.thumbnailUrl})
        or ${posts.productType} is null and excluded.product_type is not null
        or ${posts.publishedAt} is distinct from coalesce(excluded.published_at, ${posts.publishedAt}))`,
    });
}
