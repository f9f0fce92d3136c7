import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { PLATFORMS } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { connectedAccounts } from "./connected-accounts.ts";

/** An Instagram media (reel, feed post, story, ad) or a TikTok video that comments hang under. */
export const posts = pgTable(
  "posts",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    accountId: text()
      .notNull()
      .references(() => connectedAccounts.id),
    platform: text({ enum: PLATFORMS }).notNull(),
    externalId: text().notNull(),
    /** Instagram media_product_type (FEED, REELS, STORY, AD) or "VIDEO" for TikTok. */
    productType: text(),
    caption: text(),
    permalink: text(),
    /** The platform's picture of the post (expiring CDN links are renewed by the next media poll). */
    thumbnailUrl: text(),
    /** When the platform published it; adaptive polling checks fresh posts more often. */
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("posts_platform_external_key").on(t.platform, t.externalId),
    index("posts_account_idx").on(t.accountId),
  ],
);
