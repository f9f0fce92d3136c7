import { sql } from "drizzle-orm";
import type { RuleTestRequest, RuleTestResult } from "@surgedesk/shared";
import type { Executor } from "../db/types.ts";
import { compileRule } from "./compile-rule.ts";
import { loadMessageFacts } from "./message-facts.ts";
import { planOutcomes } from "./plan-outcomes.ts";

const EXAMPLES = 5;

/**
 * How many of the workspace's latest inbound messages a rule's conditions would match, with a
 * few of them: what an admin reads before turning a rule live. Nothing is changed or logged.
 */
export async function testRule(db: Executor, workspaceId: string, request: RuleTestRequest): Promise<RuleTestResult> {
  const compiled = compileRule({ id: "test", name: "test", position: 0, enabled: true, mode: "dry_run", conditions: request.conditions, actions: [{ type: "notify" }], stopProcessing: true });
  const facts = await loadMessageFacts(
    db,
    sql`m.workspace_id = ${workspaceId}`,
    compiled.needs,
    sql`order by m.created_at desc, m.id desc limit ${request.limit}`,
  );
  // Muted authors are left out of planOutcomes' built-in check here: the test is of this rule alone.
  const matched = planOutcomes([compiled], facts.map((f) => ({ ...f, contactMuted: false }))).map((p) => p.facts);
  return {
    examined: facts.length,
    matched: matched.length,
    examples: matched.slice(0, EXAMPLES).map((f) => ({ id: f.id, text: f.text, authorHandle: f.authorHandle, platform: f.platform, createdAt: f.createdAt.toISOString() })),
  };
}
