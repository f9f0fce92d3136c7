import { asc, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { moderationRules } from "../db/schema/index.ts";
import type { Executor } from "../db/types.ts";
import { compileRule, type CompiledRule } from "./compile-rule.ts";
import type { FactNeeds } from "./message-facts.ts";

export interface CompiledRuleSet {
  /** Enabled rules in their order. */
  rules: CompiledRule[];
  /** The lookups some rule of the set reads. */
  needs: FactNeeds;
}

export interface RuleCache {
  forWorkspace(db: Executor, workspaceId: string): Promise<CompiledRuleSet>;
  /** A rule of the workspace changed here: compile again on next use. */
  invalidate(workspaceId: string): void;
}

/**
 * Each workspace's enabled rules, compiled once and kept, so ingestion pays for a rule change
 * once instead of once a batch. A change made through this process invalidates at once; another
 * process sharing the database sees it within `maxAgeMs`.
 */
export function createRuleCache({ maxAgeMs = 10_000, now = Date.now }: { maxAgeMs?: number; now?: () => number } = {}): RuleCache {
  const cache = new Map<string, { at: number; set: CompiledRuleSet }>();
  return {
    async forWorkspace(db, workspaceId) {
      const hit = cache.get(workspaceId);
      if (hit && now() - hit.at < maxAgeMs) return hit.set;
      const rows = await (db as Database)
        .select()
        .from(moderationRules)
        .where(eq(moderationRules.workspaceId, workspaceId))
        .orderBy(asc(moderationRules.position), asc(moderationRules.createdAt));
      const rules = rows.filter((row) => row.enabled).map(compileRule);
      const set: CompiledRuleSet = {
        rules,
        needs: { history: rules.some((r) => r.needs.history), campaigns: rules.some((r) => r.needs.campaigns) },
      };
      cache.set(workspaceId, { at: now(), set });
      return set;
    },
    invalidate(workspaceId) {
      cache.delete(workspaceId);
    },
  };
}
