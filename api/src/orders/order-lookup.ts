import type { FoundOrder, OrderContext } from "@surgedesk/shared";
import type { OrderKey } from "../connectors/contract.ts";
import type { Database } from "../db/client.ts";
import { couldNotAsk } from "./could-not-ask.ts";
import { describeKey } from "./order-keys.ts";
import { linkedOrders, linkOrders, ordersByTracking } from "./order-links.ts";
import { asFound, mergeOrders, orderRefOf } from "./merge-orders.ts";
import type { NamedOrderSource } from "./order-sources.ts";

const list = (items: string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);

interface KeyAnswer {
  key: OrderKey;
  orders: FoundOrder[];
  asked: string[];
  errors: string[];
}

/** Asks every source that can search by this key (and the known orders, for a tracking number). */
async function ask(db: Database, workspaceId: string, sources: readonly NamedOrderSource[], key: OrderKey): Promise<KeyAnswer> {
  const answer: KeyAnswer = { key, orders: [], asked: [], errors: [] };
  if (key.kind === "tracking_number") {
    answer.orders.push(...(await ordersByTracking(db, workspaceId, key.value)));
    answer.asked.push("the orders known here");
  }
  await Promise.all(
    sources
      .filter(({ source }) => source.searchableBy.includes(key.kind))
      .map(async ({ name, source }) => {
        answer.asked.push(name);
        try {
          answer.orders.push(...(await source.find(key)).map(asFound));
        } catch (error) {
          answer.errors.push(couldNotAsk(name, error));
        }
      }),
  );
  answer.orders = mergeOrders(answer.orders);
  return answer;
}

/** The words for "asked, and nothing matched" (never the shop's query syntax). */
function notFoundWords(answers: KeyAnswer[]): string {
  const parts = answers.map((a) => {
    const what = describeKey(a.key);
    if (a.key.kind === "tracking_number") {
      return `${what} matches no order known here yet (Shopify cannot search by tracking number; an order is known once a message finds it)`;
    }
    if (a.asked.length === 0) return `no connected shop can search by ${what}`;
    return `${list(a.asked)} ${a.asked.length > 1 ? "have" : "has"} no order with ${what}`;
  });
  const sentence = parts.join("; ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}. Check the number with the customer, or search by their email.`;
}

export interface OrderLookupInput {
  db: Database;
  workspaceId: string;
  sources: readonly NamedOrderSource[];
  keys: readonly OrderKey[];
  /** The buyer: orders found are linked to them, and orders linked before are theirs. */
  contactId: string | null;
  /** What the same buyer quoted in their other messages: asked when the message's own keys and their linked orders find nothing. */
  buyerKeys?: readonly OrderKey[];
}

/**
 * The order a message is about, and its buyer's other orders, from every connected system:
 * the message's own identifiers first (most specific first; each asked of every system that can
 * search by it), else the orders this buyer was linked to before. What is found is linked to the
 * buyer, with the other orders of the same email or phone, so their next message needs nothing
 * quoted. Says in words how it was found or why it was not.
 */
export async function lookupOrder(input: OrderLookupInput): Promise<OrderContext> {
  const { db, workspaceId, sources, keys, contactId } = input;
  const own = new Set(keys.map((k) => `${k.kind}:${k.value}`));
  const buyerKeys = (input.buyerKeys ?? []).filter((k) => !own.has(`${k.kind}:${k.value}`));
  const linked = contactId ? await linkedOrders(db, workspaceId, contactId) : [];
  if (keys.length === 0 && linked.length === 0 && buyerKeys.length === 0) {
    return {
      outcome: sources.length === 0 ? "not_configured" : "no_reference",
      reason:
        sources.length === 0
          ? "No shop is connected: set up Shopify (SHOPIFY_SHOP_DOMAIN, SHOPIFY_ADMIN_TOKEN) or connect a TikTok Shop account to look orders up."
          : "The message names no order number, TikTok Shop order id, tracking number, email or phone, and no order of this buyer was found before: ask for the order number.",
      order: null,
      otherOrders: [],
    };
  }
  const answerable = (key: OrderKey) => key.kind === "tracking_number" || sources.some(({ source }) => source.searchableBy.includes(key.kind));
  if (![...keys, ...buyerKeys].some(answerable) && linked.length === 0) {
    const quoted = keys.length > 0 ? keys : buyerKeys;
    return {
      outcome: "not_configured",
      reason:
        sources.length === 0
          ? `The message quotes ${list(quoted.map(describeKey))}, but no shop is connected to look it up: set up Shopify (SHOPIFY_SHOP_DOMAIN, SHOPIFY_ADMIN_TOKEN) or connect a TikTok Shop account.`
          : `No connected shop can look an order up by ${list(quoted.map(describeKey))}: TikTok Shop orders need the TikTok Shop account's orders, which are not connected.`,
      order: null,
      otherOrders: [],
    };
  }

  const answers: KeyAnswer[] = [];
  // `by` is shown; `linkBy` is kept on the link, so a later lookup can say how it was first found.
  let found: { order: FoundOrder; by: string; linkBy: string } | null = null;
  for (const key of keys.filter(answerable)) {
    const answer = await ask(db, workspaceId, sources, key);
    answers.push(answer);
    const [first] = answer.orders;
    if (first) {
      found = { order: first, by: `Found by ${describeKey(key)}`, linkBy: `by ${describeKey(key)}` };
      break;
    }
  }
  if (!found && linked[0]) {
    // The buyer quoted nothing that finds an order (or nothing at all): their order found before,
    // asked again by its own id so the panel shows where it is now.
    const known = linked[0];
    const refresh: OrderKey = known.order.tiktokOrderId
      ? { kind: "tiktok_order_id", value: known.order.tiktokOrderId }
      : { kind: "shopify_name", value: known.order.shopifyName ?? "" };
    const fresh = refresh.value ? await ask(db, workspaceId, sources, refresh) : null;
    found = { order: fresh?.orders[0] ?? known.order, by: `Linked to this buyer: found earlier ${known.foundBy}`, linkBy: known.foundBy };
  }
  for (const key of found ? [] : buyerKeys.filter(answerable)) {
    const answer = await ask(db, workspaceId, sources, key);
    answers.push(answer);
    const [first] = answer.orders;
    if (first) {
      const by = `by ${describeKey(key)}, which this buyer gave in another message`;
      found = { order: first, by: `Found ${by}`, linkBy: by };
      break;
    }
  }

  const errors = [...new Set(answers.flatMap((a) => a.errors))];
  if (!found && answers.length === 0) {
    return { outcome: "no_reference", reason: "Nothing this buyer wrote names an order a connected shop can look up: ask for the order number.", order: null, otherOrders: [] };
  }
  if (!found) {
    if (errors.length > 0) return { outcome: "error", reason: `${errors.join(" ")} Order details could not be filled.`, order: null, otherOrders: [] };
    return { outcome: "not_found", reason: notFoundWords(answers), order: null, otherOrders: [] };
  }

  // The buyer's other orders: those the same searches found, and (once) those of the order's email.
  const pool = answers.flatMap((a) => a.orders);
  const email = found.order.email?.toLowerCase();
  if (email && !answers.some((a) => a.key.kind === "email" && a.key.value === email)) {
    pool.push(...(await ask(db, workspaceId, sources, { kind: "email", value: email })).orders);
  }
  pool.push(...linked.map((l) => l.order));
  const primaryRef = orderRefOf(found.order);
  const all = mergeOrders([found.order, ...pool]);
  const order = all.find((o) => orderRefOf(o) === primaryRef || (o.shopifyName !== null && o.shopifyName === found.order.shopifyName)) ?? found.order;
  const otherOrders = all.filter((o) => o !== order).slice(0, 10);
  if (contactId) {
    await linkOrders(db, { workspaceId, contactId, orders: [order], foundBy: found.linkBy });
    await linkOrders(db, { workspaceId, contactId, orders: otherOrders, foundBy: "as another order of the same buyer" });
  }
  const partial = errors.length > 0 ? ` (${errors.join(" ")})` : "";
  return { outcome: "found", reason: `${found.by}.${partial}`, order, otherOrders };
}
