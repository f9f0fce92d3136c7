import { boolean, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces.ts";

/** Where a workspace's surge alerts are POSTed (Slack-compatible), and the key that signs them. */
export const alertWebhooks = pgTable("alert_webhooks", {
  workspaceId: text()
    .primaryKey()
    .references(() => workspaces.id),
  url: text().notNull(),
  /** AES-256-GCM with ENCRYPTION_KEY; never returned by the API or logged. */
  secretEncrypted: text().notNull(),
  enabled: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
