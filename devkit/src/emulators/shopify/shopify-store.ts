/** An order as the emulated shop keeps it; the handlers render it in Admin GraphQL's shape. */
export interface EmulatedOrder {
  name: string;
  email: string | null;
  customerName: string | null;
  createdAt: Date;
  sourceName: string;
  financialStatus: string;
  fulfillmentStatus: string;
  tracking: { number: string; url: string; company: string } | null;
  estimatedDeliveryAt: Date | null;
}

export type ShopifyFault = { kind: "http"; status: number; retryAfterSec?: number } | { kind: "throttled" };

/**
 * An in-memory Shopify store for order lookups: tests and the demo add orders, queue faults,
 * and read `calls` to see what was asked.
 */
export class ShopifyStore {
  readonly shopDomain: string;
  readonly accessToken: string;
  readonly orders: EmulatedOrder[] = [];
  readonly calls: { query: string; at: Date }[] = [];
  private readonly faults: ShopifyFault[] = [];
  private nextNumber = 1001;

  constructor(options: { shopDomain?: string; accessToken?: string } = {}) {
    this.shopDomain = options.shopDomain ?? "emulated-shop.myshopify.com";
    this.accessToken = options.accessToken ?? "shpat_emulated";
  }

  addOrder(input: Partial<EmulatedOrder> = {}): EmulatedOrder {
    const order: EmulatedOrder = {
      name: input.name ?? `#${this.nextNumber++}`,
      email: input.email ?? null,
      customerName: input.customerName ?? null,
      createdAt: input.createdAt ?? new Date(),
      sourceName: input.sourceName ?? "web",
      financialStatus: input.financialStatus ?? "PAID",
      fulfillmentStatus: input.fulfillmentStatus ?? "UNFULFILLED",
      tracking: input.tracking ?? null,
      estimatedDeliveryAt: input.estimatedDeliveryAt ?? null,
    };
    this.orders.push(order);
    return order;
  }

  /** The next `times` calls fail this way. */
  fail(fault: ShopifyFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  takeFault(): ShopifyFault | undefined {
    return this.faults.shift();
  }

  /** Shopify's search, for the two forms order context uses: `name:#1234` and `email:…`. */
  search(query: string): EmulatedOrder[] {
    const match = /^(name|email):"?([^"]+)"?$/.exec(query.trim());
    if (!match) return [];
    const [, field, value = ""] = match;
    const wanted = value.toLowerCase();
    return this.orders
      .filter((o) => (field === "name" ? o.name.toLowerCase() === wanted : o.email?.toLowerCase() === wanted))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }
}
