import { z } from "zod";

/**
 * Orders as the console shows them, whichever system owns them. Shopify and TikTok Shop each
 * map their own order shape into this one, so the panel, the macro variables and the order-side
 * queues never need to know which API an order came from.
 */
export const ORDER_SYSTEMS = ["shopify", "tiktok_shop"] as const;
export const orderSystemSchema = z.enum(ORDER_SYSTEMS);
export type OrderSystem = z.infer<typeof orderSystemSchema>;

export const ORDER_SYSTEM_NAMES: Record<OrderSystem, string> = {
  shopify: "Shopify",
  tiktok_shop: "TikTok Shop",
};

/** An amount as the shop states it: a decimal string, never a float. */
export const moneySchema = z.object({ amount: z.string(), currency: z.string() }).meta({ id: "Money" });
export type Money = z.infer<typeof moneySchema>;

export const orderLineItemSchema = z.object({
  title: z.string(),
  variant: z.string().nullable(),
  sku: z.string().nullable(),
  quantity: z.number().int(),
  /** Each item's price after discounts, when the shop says. */
  price: moneySchema.nullable(),
}).meta({ id: "OrderLineItem" });
export type OrderLineItem = z.infer<typeof orderLineItemSchema>;

export const orderShipmentSchema = z.object({
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  /** In words from the owning system: "In transit", "Delivered", … */
  status: z.string().nullable(),
  shippedAt: z.string().datetime().nullable(),
  deliveredAt: z.string().datetime().nullable(),
  estimatedDeliveryAt: z.string().datetime().nullable(),
}).meta({ id: "OrderShipment" });
export type OrderShipment = z.infer<typeof orderShipmentSchema>;

/** A return, refund or cancellation request on the order, as the owning system reports it. */
export const afterSaleRequestSchema = z.object({
  kind: z.enum(["cancellation", "return", "refund"]),
  /** The owning system's id for the request (needed to approve or reject it). */
  id: z.string(),
  /** In words: "Requested", "Approved", "Rejected", "Completed", … */
  status: z.string(),
  reason: z.string().nullable(),
  requestedAt: z.string().datetime().nullable(),
  updatedAt: z.string().datetime().nullable(),
  refundAmount: moneySchema.nullable(),
}).meta({ id: "AfterSaleRequest" });
export type AfterSaleRequest = z.infer<typeof afterSaleRequestSchema>;

export const orderRecordSchema = z.object({
  /** The system that owns the order: refunds, returns and cancellations happen there. */
  system: orderSystemSchema,
  /** Shopify's order name (`#1234`), when the order is (or is mirrored) in Shopify. */
  shopifyName: z.string().nullable(),
  /** Shopify's GraphQL id (`gid://shopify/Order/…`), for actions. */
  shopifyId: z.string().nullable(),
  /** TikTok Shop's order id: a 17–19 digit string, never a number. */
  tiktokOrderId: z.string().nullable(),
  customerName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** TikTok Shop's buyer user id (the one its customer-service conversations carry). */
  buyerUserId: z.string().nullable(),
  /** In words from the owning system: "Paid", "Awaiting shipment", "Cancelled", … */
  status: z.string().nullable(),
  financialStatus: z.string().nullable(),
  fulfillmentStatus: z.string().nullable(),
  total: moneySchema.nullable(),
  lineItems: z.array(orderLineItemSchema),
  shipments: z.array(orderShipmentSchema),
  afterSales: z.array(afterSaleRequestSchema),
  createdAt: z.string().datetime().nullable(),
  /** TikTok Shop: the deadline to hand the parcel to the carrier. */
  shipByAt: z.string().datetime().nullable(),
  /** The latest promised delivery date, when the system gives one. */
  deliverByAt: z.string().datetime().nullable(),
}).meta({ id: "OrderRecord" });
export type OrderRecord = z.infer<typeof orderRecordSchema>;
