import { z } from "zod";
import { foundOrderSchema, orderLookupOutcomeSchema } from "./replies.ts";

/** `GET /api/orders/search?q=`: what an agent types when the message's own lookup found nothing. */
export const orderSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(3, "Type an order number, a TikTok Shop order id, a tracking number, an email or a phone number.")
    .max(120),
});
export type OrderSearchQuery = z.infer<typeof orderSearchQuerySchema>;

export const orderSearchResponseSchema = z
  .object({
    outcome: orderLookupOutcomeSchema,
    /** In words: what the text was read as, and why nothing was found. */
    reason: z.string().nullable(),
    orders: z.array(foundOrderSchema),
  })
  .meta({ id: "OrderSearchResponse" });
export type OrderSearchResponse = z.infer<typeof orderSearchResponseSchema>;
