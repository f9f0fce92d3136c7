import { eq } from "drizzle-orm";
import { SLA_DEFAULTS, type SlaPolicy } from "@surgedesk/shared";
import type { Executor } from "../db/types.ts";
import { slaPolicies } from "../db/schema/index.ts";

/** The workspace's first-response targets, or the defaults when an admin has not set any. */
export async function loadSlaPolicy(db: Executor, workspaceId: string): Promise<SlaPolicy> {
  const [row] = await db
    .select({ warningMinutes: slaPolicies.warningMinutes, breachMinutes: slaPolicies.breachMinutes })
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, workspaceId));
  return row ?? { ...SLA_DEFAULTS };
}
