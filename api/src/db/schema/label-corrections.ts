import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { LABELS } from "@surgedesk/shared";
import { workspaces } from "./workspaces.ts";
import { messages } from "./messages.ts";
import { users } from "./users.ts";

/** An agent's correction of a label: it changes the message and feeds the next training run. */
export const labelCorrections = pgTable(
  "label_corrections",
  {
    id: text().primaryKey(),
    workspaceId: text()
      .notNull()
      .references(() => workspaces.id),
    messageId: text()
      .notNull()
      .references(() => messages.id),
    userId: text().references(() => users.id),
    fromLabel: text({ enum: LABELS }),
    toLabel: text({ enum: LABELS }).notNull(),
    /** The text as it was labelled, so retraining does not depend on the message staying. */
    text: text().notNull(),
    modelVersion: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("label_corrections_created_idx").on(t.createdAt),
    index("label_corrections_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);
