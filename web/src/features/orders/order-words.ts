import { ORDER_SYSTEM_NAMES, type FoundOrder, type Money } from "@surgedesk/shared";
import type { BadgeTone } from "../../design/badge.tsx";

/** Where an order was found, as the badge says it: "Shopify", "TikTok Shop", or both. */
export function sourceLabel(order: Pick<FoundOrder, "sources">): string {
  if (order.sources.length > 1) return "Shopify + TikTok Shop";
  return ORDER_SYSTEM_NAMES[order.sources[0] ?? "shopify"];
}

export function sourceTone(order: Pick<FoundOrder, "sources">): BadgeTone {
  if (order.sources.length > 1) return "accent";
  return order.sources[0] === "tiktok_shop" ? "tiktok" : "success";
}

/** The order's names: its Shopify number and its TikTok Shop id, whichever it has. */
export function orderNames(order: Pick<FoundOrder, "shopifyName" | "tiktokOrderId">): string {
  return [order.shopifyName, order.tiktokOrderId && `TikTok Shop ${order.tiktokOrderId}`].filter(Boolean).join(" · ") || "An order";
}

/** The button that answers everyone waiting on an order: "Reply to all 1" reads as a mistake. */
export function replyToAllLabel(buyers: number): string {
  return buyers === 1 ? "Reply to the buyer" : `Reply to all ${buyers.toLocaleString()} buyers`;
}

export function money(value: Money | null): string | null {
  if (!value) return null;
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: value.currency }).format(Number(value.amount));
  } catch {
    return `${value.amount} ${value.currency}`;
  }
}

export function day(iso: string | null): string | null {
  return iso ? new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(iso)) : null;
}

/** A status word's tone: trouble in red, done in green, waiting in amber. */
export function statusTone(status: string | null): BadgeTone {
  const s = (status ?? "").toLowerCase();
  if (/cancel|refund|fail|return/.test(s)) return "danger";
  if (/deliver|complete/.test(s)) return "success";
  if (/transit|shipped|out for/.test(s)) return "info";
  return "warning";
}
