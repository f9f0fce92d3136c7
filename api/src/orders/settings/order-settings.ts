import { eq } from "drizzle-orm";
import { REFUND_APPROVAL_OVER_DEFAULT, type OrderSettings } from "@surgedesk/shared";
import type { Executor } from "../../db/types.ts";
import { workspaces } from "../../db/schema/index.ts";

/** The workspace's order settings, as stored (the column's default until an admin changes it). */
export async function loadOrderSettings(db: Executor, workspaceId: string): Promise<OrderSettings> {
  const [row] = await db.select({ refundApprovalOver: workspaces.refundApprovalOver }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return { refundApprovalOver: row?.refundApprovalOver ?? REFUND_APPROVAL_OVER_DEFAULT };
}
