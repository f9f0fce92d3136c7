import { z } from "zod";
import { tiktokId } from "../../../lib/tiktok-ids.ts";

/**
 * The Partner API 202309 order and after-sale shapes Surgedesk reads. What the product acts on
 * (ids, statuses) is required; everything else is optional, and fields we do not read are
 * dropped rather than refused, so a field TikTok Shop adds never breaks a lookup.
 */

/**
 * A point in time as unix seconds. Unlike `tiktokEpoch` it may lie far ahead (a delivery
 * deadline), and 0 (what some fields hold until set) reads as "not set".
 */
export const unixSeconds = z
  .union([z.number().int(), z.string().regex(/^\d{1,12}$/).transform(Number)])
  .pipe(z.number().int().min(0).max(1e11))
  .transform((value) => (value === 0 ? null : value));

/** An amount as a decimal string ("29.99"); an unreadable one is dropped, never guessed at. */
const decimal = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/)
  .nullish()
  .catch(null);
const text = (max: number) => z.string().max(max).nullish().catch(null);

/** The order's statuses (202309); kept open, so a status added later is shown by its name. */
export const TIKTOK_ORDER_STATUSES = [
  "UNPAID",
  "ON_HOLD",
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
] as const;

export const tiktokLineItemSchema = z.object({
  /** One line item per unit: the API has no quantity, two of a SKU are two items. */
  id: tiktokId,
  sku_id: tiktokId.nullish(),
  product_id: tiktokId.nullish(),
  product_name: text(1000),
  sku_name: text(1000),
  seller_sku: text(500),
  sale_price: decimal,
  original_price: decimal,
  currency: text(10),
  display_status: text(100),
  package_id: tiktokId.nullish().catch(null),
  package_status: text(100),
  tracking_number: text(200),
  shipping_provider_name: text(200),
  cancel_reason: text(2000),
  is_gift: z.boolean().nullish().catch(null),
});
export type TikTokLineItem = z.infer<typeof tiktokLineItemSchema>;

export const tiktokOrderSchema = z.object({
  id: tiktokId,
  status: z.string().min(1).max(100),
  user_id: tiktokId.nullish().catch(null),
  /** An anonymised relay address (`…@scs2.tiktok.com`), not the buyer's own. */
  buyer_email: text(500),
  buyer_message: text(5000),
  recipient_address: z
    .object({
      name: text(500),
      phone_number: text(100),
      full_address: text(2000),
      postal_code: text(50),
      region_code: text(10),
    })
    .nullish()
    .catch(null),
  payment: z
    .object({
      currency: text(10),
      total_amount: decimal,
      sub_total: decimal,
      shipping_fee: decimal,
      seller_discount: decimal,
      platform_discount: decimal,
      tax: decimal,
    })
    .nullish()
    .catch(null),
  line_items: z.array(tiktokLineItemSchema).max(1000).default([]),
  packages: z.array(z.object({ id: tiktokId })).max(1000).nullish().catch(null),
  tracking_number: text(200),
  shipping_provider: text(200),
  delivery_option_name: text(200),
  fulfillment_type: text(100),
  cancel_reason: text(2000),
  cancellation_initiator: text(100),
  is_on_hold_order: z.boolean().nullish().catch(null),
  create_time: unixSeconds,
  update_time: unixSeconds.nullish().catch(null),
  paid_time: unixSeconds.nullish().catch(null),
  /** Ready-to-ship deadline. */
  rts_sla_time: unixSeconds.nullish().catch(null),
  rts_time: unixSeconds.nullish().catch(null),
  /** The deadline to hand the parcel to the carrier ("ship within"). */
  shipping_due_time: unixSeconds.nullish().catch(null),
  collection_time: unixSeconds.nullish().catch(null),
  delivery_due_time: unixSeconds.nullish().catch(null),
  delivery_sla_time: unixSeconds.nullish().catch(null),
  delivery_time: unixSeconds.nullish().catch(null),
  cancel_time: unixSeconds.nullish().catch(null),
});
export type TikTokOrder = z.infer<typeof tiktokOrderSchema>;

/** Get Order Detail: `data.orders`. */
export const orderDetailDataSchema = z.object({ orders: z.array(tiktokOrderSchema).max(50).default([]) });

/** Order search: a page of full orders. */
export const orderSearchDataSchema = z.object({
  orders: z.array(tiktokOrderSchema).max(100).default([]),
  next_page_token: z.string().max(10_000).nullish(),
  total_count: z.number().int().nullish(),
});
export type OrderSearchPage = z.infer<typeof orderSearchDataSchema>;

const refundAmountSchema = z
  .object({ currency: text(10), refund_total: decimal, refund_subtotal: decimal, refund_shipping_fee: decimal, refund_tax: decimal })
  .nullish()
  .catch(null);

export const tiktokReturnSchema = z.object({
  return_id: tiktokId,
  order_id: tiktokId,
  /** REFUND, RETURN_AND_REFUND or REPLACEMENT. */
  return_type: z.string().min(1).max(100),
  return_status: z.string().min(1).max(100),
  return_reason: text(500),
  return_reason_text: text(2000),
  refund_amount: refundAmountSchema,
  /** BUYER, SELLER, OPERATOR or SYSTEM: who opened it. */
  role: text(100),
  return_tracking_number: text(200),
  create_time: unixSeconds.nullish().catch(null),
  update_time: unixSeconds.nullish().catch(null),
});
export type TikTokReturn = z.infer<typeof tiktokReturnSchema>;

export const returnSearchDataSchema = z.object({
  return_orders: z.array(tiktokReturnSchema).max(100).default([]),
  next_page_token: z.string().max(10_000).nullish(),
  total_count: z.number().int().nullish(),
});

export const tiktokCancellationSchema = z.object({
  cancel_id: tiktokId,
  order_id: tiktokId,
  cancel_status: z.string().min(1).max(100),
  /** CANCEL (the seller's or the system's) or BUYER_CANCEL (the buyer asked). */
  cancel_type: text(100),
  cancel_reason: text(500),
  cancel_reason_text: text(2000),
  refund_amount: refundAmountSchema,
  role: text(100),
  create_time: unixSeconds.nullish().catch(null),
  update_time: unixSeconds.nullish().catch(null),
});
export type TikTokCancellation = z.infer<typeof tiktokCancellationSchema>;

export const cancellationSearchDataSchema = z.object({
  cancellations: z.array(tiktokCancellationSchema).max(100).default([]),
  next_page_token: z.string().max(10_000).nullish(),
  total_count: z.number().int().nullish(),
});
