import type { OrderKey } from "../connectors/order-source.ts";
import { extractEntities } from "../nlp/entities.ts";
import { orderKeysOf } from "./order-keys.ts";

/**
 * What an agent typed into the order search, read as order keys: the classifier's own entity
 * rules (order numbers, TikTok Shop ids, tracking numbers, emails, phones), and a bare number,
 * which an agent means as a Shopify order number (`1042`) or a TikTok Shop order id (17–19 digits).
 */
export function searchKeysOf(text: string): OrderKey[] {
  const trimmed = text.trim();
  const bare = /^#?\s?([A-Z]{0,4}-?\d{3,10})$/i.exec(trimmed);
  if (bare?.[1]) return [{ kind: "shopify_name", value: `#${bare[1].toUpperCase()}` }];
  return orderKeysOf(extractEntities(trimmed).entities);
}
