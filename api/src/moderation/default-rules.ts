import type { RuleAction, RuleConditions } from "@surgedesk/shared";
import { moderationRules } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { newId } from "../lib/ids.ts";

export interface DefaultRule {
  name: string;
  conditions: RuleConditions;
  actions: RuleAction[];
  stopProcessing: boolean;
}

/** Phrases of the "earn from home, DM me" pitch that bots paste under viral posts. */
export const EARNING_SPAM_PHRASES = [
  "dm me",
  "dm to earn",
  "earn from home",
  "work from home",
  "passive income",
  "per day from home",
  "investment platform",
  "crypto trading",
  "forex",
  "text me on whatsapp",
  "message me on telegram",
];

/**
 * What every workspace starts with, in dry run: an admin sees in the audit log what they would
 * have hidden before turning them live. The 0022 migration inserts the same two rules for the
 * workspaces that existed before rules did.
 */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    name: "Scam links",
    conditions: { labels: ["spam_scam"], minConfidence: 0.8, hasLink: true },
    actions: [{ type: "hide" }, { type: "resolve" }],
    stopProcessing: true,
  },
  {
    name: "“DM me to earn” spam",
    conditions: { labels: ["spam_scam"], minConfidence: 0.8, keywords: EARNING_SPAM_PHRASES },
    actions: [{ type: "hide" }, { type: "resolve" }],
    stopProcessing: true,
  },
];

/** Adds the default rules, dry run, to a workspace just created. */
export async function seedDefaultRules(db: Executor, workspaceId: string): Promise<void> {
  await db.insert(moderationRules).values(
    DEFAULT_RULES.map((rule, position) => ({
      id: newId("rule"),
      workspaceId,
      name: rule.name,
      position,
      enabled: true,
      mode: "dry_run" as const,
      conditions: rule.conditions,
      actions: rule.actions,
      stopProcessing: rule.stopProcessing,
    })),
  );
}
