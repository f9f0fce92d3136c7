import { z } from "zod";

/** The threshold a workspace starts with: refunds above 100 (in the shop's currency) need an admin. */
export const REFUND_APPROVAL_OVER_DEFAULT = "100.00";

/**
 * The workspace's order settings. `refundApprovalOver` is a decimal string, like every amount of
 * money here (never a float): refunds above it need an admin's approval, and a refund request or a
 * damage claim on an order above it raises the message's escalation. 0 sends every refund to an
 * admin; the column holds up to 10 digits before the point.
 */
export const orderSettingsSchema = z
  .object({
    refundApprovalOver: z
      .string()
      .trim()
      .min(1, "Give an amount, like 150 or 150.00.")
      .regex(/^\d{1,10}(\.\d{1,2})?$/, "Give the amount in digits, with at most two decimals after a point (like 150 or 150.00), without a currency sign.")
      .meta({ description: "Refunds above this amount (in the shop's currency) need an admin's approval.", example: "100.00" }),
  })
  .meta({ id: "OrderSettings" });
export type OrderSettings = z.infer<typeof orderSettingsSchema>;
