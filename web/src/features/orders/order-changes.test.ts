import { describe, expect, it } from "vitest";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import type { FoundOrder, SuggestionsResponse } from "@surgedesk/shared";
import { refetchChangedOrder } from "./order-changes.ts";

const TIKTOK_ID = "577001234567890123";

function order(overrides: Partial<FoundOrder>): FoundOrder {
  return {
    system: "tiktok_shop",
    sources: ["tiktok_shop"],
    shopifyName: null,
    shopifyId: null,
    tiktokOrderId: null,
    customerName: "Ana Pérez",
    email: null,
    phone: null,
    buyerUserId: "7494560109732334231",
    status: "Awaiting shipment",
    financialStatus: "Paid",
    fulfillmentStatus: "Unfulfilled",
    total: { amount: "58.00", currency: "USD" },
    lineItems: [],
    shipments: [],
    afterSales: [],
    createdAt: "2026-12-04T10:00:00.000Z",
    shipByAt: null,
    deliverByAt: null,
    ...overrides,
  };
}

const suggestions = (found: FoundOrder, others: FoundOrder[] = []) =>
  ({ order: { outcome: "found", reason: "Found.", order: found, otherOrders: others } }) as unknown as SuggestionsResponse;

describe("order.changed in the console", () => {
  it("refetches the open order panel showing the changed order, and no other", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    const fetched: Record<string, number> = { shown: 0, mirrored: 0, other: 0, closed: 0 };
    const panel = (key: string, data: SuggestionsResponse) =>
      new QueryObserver(client, {
        queryKey: ["replies", "suggestions", key],
        queryFn: () => {
          fetched[key] = (fetched[key] ?? 0) + 1;
          return data;
        },
      });
    // Three open panels: the order itself, its Shopify copy (both ids), and another order.
    const open = [
      panel("shown", suggestions(order({ tiktokOrderId: TIKTOK_ID }))),
      panel("mirrored", suggestions(order({ system: "shopify", sources: ["shopify", "tiktok_shop"], shopifyName: "#10490", tiktokOrderId: TIKTOK_ID }))),
      panel("other", suggestions(order({ tiktokOrderId: "577001234567890999" }))),
    ];
    const unsubscribe = open.map((o) => o.subscribe(() => {}));
    // A panel closed earlier: stale afterwards, fetched when shown again, not now.
    client.setQueryData(["replies", "suggestions", "closed"], suggestions(order({ system: "shopify", sources: ["shopify"], shopifyName: "#1042" }), [order({ tiktokOrderId: TIKTOK_ID })]));
    await Promise.all(open.map((o) => o.refetch()));
    const before = { ...fetched };

    await refetchChangedOrder(client, { system: "tiktok_shop", orderId: TIKTOK_ID });

    expect(fetched.shown).toBe(before.shown! + 1);
    expect(fetched.mirrored).toBe(before.mirrored! + 1);
    expect(fetched.other).toBe(before.other);
    expect(fetched.closed).toBe(0);
    expect(client.getQueryState(["replies", "suggestions", "closed"])?.isInvalidated).toBe(true);
    expect(client.getQueryState(["replies", "suggestions", "other"])?.isInvalidated).toBe(false);
    unsubscribe.forEach((u) => u());
  });

  it("refetches a manual search whose answer lists the changed Shopify order", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    let asked = 0;
    const search = new QueryObserver(client, {
      queryKey: ["orders", "search", "#1042"],
      queryFn: () => {
        asked += 1;
        return { outcome: "found", reason: null, orders: [order({ system: "shopify", sources: ["shopify"], shopifyName: "#1042", shopifyId: "gid://shopify/Order/1042" })] };
      },
    });
    const stop = search.subscribe(() => {});
    await search.refetch();
    const before = asked;
    await refetchChangedOrder(client, { system: "shopify", orderId: "gid://shopify/Order/1042" });
    expect(asked).toBe(before + 1);
    await refetchChangedOrder(client, { system: "tiktok_shop", orderId: "1042" });
    expect(asked).toBe(before + 1);
    stop();
  });
});
