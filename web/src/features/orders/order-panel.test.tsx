// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FoundOrder, OrderAction, OrderActionPlan, OrderContext } from "@surgedesk/shared";
import { OrderPanel } from "./order-panel.tsx";

const usd = (amount: string) => ({ amount, currency: "USD" });

function shopifyOrder(name: string, id: string, fulfillmentStatus: string): FoundOrder {
  return {
    system: "shopify",
    sources: ["shopify"],
    shopifyName: name,
    shopifyId: `gid://shopify/Order/${id}`,
    tiktokOrderId: null,
    customerName: "Inés Duarte",
    email: "ines@example.com",
    phone: null,
    buyerUserId: null,
    status: fulfillmentStatus === "UNFULFILLED" ? "Paid" : "Fulfilled",
    financialStatus: "PAID",
    fulfillmentStatus,
    total: usd("36.27"),
    lineItems: [{ title: "Vitamin C Glow Serum", variant: "30 ml", sku: "GLOW-C-30", quantity: 1, price: usd("29.00") }],
    shipments: [],
    afterSales: [],
    createdAt: "2026-11-20T10:00:00.000Z",
    shipByAt: null,
    deliverByAt: null,
  };
}

const main = shopifyOrder("#5050", "5612345678050", "FULFILLED");
const other = shopifyOrder("#5051", "5612345678051", "UNFULFILLED");
const context: OrderContext = { outcome: "found", reason: "Found by order number #5050.", order: main, otherOrders: [other] };

const plan = (orderLabel: string, summary: string): OrderActionPlan => ({
  kind: "shopify_cancel",
  system: "shopify",
  systemName: "Shopify",
  orderLabel,
  summary,
  amount: usd("36.27"),
  lines: [],
  orderLines: [],
  needsApproval: false,
  approvalReason: null,
});

const doneOnOther: OrderAction = {
  id: "oact_1",
  messageId: "msg_1",
  kind: "shopify_refund",
  status: "done",
  plan: plan("#5051", "Refund 5.00 USD on order #5051 in Shopify."),
  requestedBy: { id: "user_1", name: "Avery" },
  decidedBy: null,
  decidedAt: null,
  result: "Refunded 5.00 USD on #5051 in Shopify.",
  externalId: "gid://shopify/Refund/1",
  attempts: 1,
  lastError: null,
  createdAt: "2026-12-07T03:00:00.000Z",
  updatedAt: "2026-12-07T03:00:01.000Z",
};

let previews: unknown[];

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

beforeEach(() => {
  previews = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      const body = init?.body ?? (input instanceof Request ? await input.clone().text() : null);
      if (url.includes("/api/order-actions/preview")) {
        previews.push(JSON.parse(String(body)));
        return answer(200, plan("#5051", "Cancel order #5051 in Shopify (reason: customer), refund 36.27 USD to the original payment method and restock its items."));
      }
      if (url.includes("/api/order-actions")) return answer(200, { actions: [doneOnOther] });
      return answer(404, { error: { code: "not_found", message: "Not here", requestId: "req_1" } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the order panel", () => {
  it("offers actions on the buyer's other orders, each confirmed for that order, and lists each order's own actions", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <OrderPanel context={context} canSearch messageId="msg_1" />
      </QueryClientProvider>,
    );
    fireEvent.click(screen.getByText("1 other order of this buyer"));
    const otherActions = screen.getByRole("group", { name: "Actions on #5051" });
    // Unfulfilled: it can be cancelled, unlike the conversation's own (fulfilled) order.
    expect(within(otherActions).getAllByRole("button").map((b) => b.textContent)).toEqual(["Cancel order", "Refund"]);
    expect(within(screen.getByRole("group", { name: "Order actions" })).getAllByRole("button").map((b) => b.textContent)).toEqual(["Refund"]);

    // The refund done on #5051 is listed under #5051, not under the conversation's order.
    const taken = await screen.findByRole("list", { name: "Actions taken on #5051" });
    expect(taken.textContent).toContain("Refunded 5.00 USD on #5051 in Shopify.");
    expect(screen.queryByRole("list", { name: "Order actions taken" })).toBeNull();

    fireEvent.click(within(otherActions).getByRole("button", { name: "Cancel order" }));
    await waitFor(() => expect(screen.getByText(/^Cancel order #5051 in Shopify/)).toBeTruthy());
    expect(previews).toEqual([{ messageId: "msg_1", action: { kind: "shopify_cancel", orderId: other.shopifyId } }]);
  });
});
