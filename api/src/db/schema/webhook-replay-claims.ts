import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The signed webhook deliveries seen recently, by a hash of their signature, shared by every
 * process on the database. A row is written in the same statement as the delivery's raw event,
 * so "stored" and "claimed" cannot diverge: an exact repeat inside the window finds the claim
 * and is acknowledged without being stored again. Expired rows are pruned periodically.
 */
export const webhookReplayClaims = pgTable(
  "webhook_replay_claims",
  {
    /** SHA-256 (hex) of the format and the delivery's signature. */
    key: text().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("webhook_replay_claims_expires_idx").on(t.expiresAt)],
);
