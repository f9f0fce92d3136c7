import { eq } from "drizzle-orm";
import { DEFAULT_BUSINESS_CALENDAR, PLAYBOOK_SLA_POLICIES } from "@surgedesk/shared";
import type { Executor } from "../db/types.ts";
import { slaSettings } from "../db/schema/index.ts";
import type { SlaSettings } from "./sla-deadlines.ts";

/** The workspace's SLA policies and business calendar, or the playbook's where an admin set none. */
export async function loadSlaSettings(db: Executor, workspaceId: string): Promise<SlaSettings> {
  const [row] = await db
    .select({ policies: slaSettings.policies, calendar: slaSettings.calendar })
    .from(slaSettings)
    .where(eq(slaSettings.workspaceId, workspaceId));
  return { policies: row?.policies ?? PLAYBOOK_SLA_POLICIES, calendar: row?.calendar ?? DEFAULT_BUSINESS_CALENDAR };
}
