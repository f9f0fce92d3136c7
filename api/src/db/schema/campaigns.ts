import { index, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { CAMPAIGN_SOURCES } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { posts } from "./posts.ts";

/**
 * A set of posts watched together: a launch an admin tagged, or every video of one creator's
 * collaboration. Its support load is a series of its own beside each post's.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    name: text().notNull(),
    source: text({ enum: CAMPAIGN_SOURCES }).notNull().default("manual"),
    /** The creator whose videos make up a creator campaign, without the "@". */
    creatorHandle: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("campaigns_workspace_name_key").on(t.workspaceId, t.name)],
);

export const campaignPosts = pgTable(
  "campaign_posts",
  {
    campaignId: text()
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    postId: text()
      .notNull()
      .references(() => posts.id),
    addedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.postId] }),
    // Ingest asks "which campaigns is this post in?" for every batch.
    index("campaign_posts_post_idx").on(t.postId),
  ],
);
