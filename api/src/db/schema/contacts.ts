import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { PLATFORMS } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";

/**
 * One buyer on one platform, so an agent sees their comments and DMs as one story. Keyed by
 * the id the platform uses for messaging (Instagram's IG-scoped id, TikTok's user id).
 */
export const contacts = pgTable(
  "contacts",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    platform: text({ enum: PLATFORMS }).notNull(),
    externalUserId: text().notNull(),
    handle: text(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Muted: their new comments are hidden on arrival (no platform offers a block API). */
    mutedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("contacts_workspace_platform_user_key").on(t.workspaceId, t.platform, t.externalUserId),
    index("contacts_handle_idx").on(t.workspaceId, t.handle),
  ],
);
