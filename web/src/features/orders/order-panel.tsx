import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import type { FoundOrder, OrderAction, OrderContext } from "@surgedesk/shared";
import { Badge } from "../../design/badge.tsx";
import { actionIsOn, OrderActions } from "./order-actions.tsx";
import { orderSearchQueryOptions } from "./order-queries.ts";
import { day, money, orderNames, sourceLabel, sourceTone, statusTone } from "./order-words.ts";
import "./orders.css";

const KIND_NAMES = { cancellation: "Cancellation", return: "Return", refund: "Refund" } as const;

/** One order as an agent needs it to answer: where it is, what is in it, what was paid, parcels, after-sales. */
export function OrderDetails({ order }: { order: FoundOrder }) {
  return (
    <div className="order-details">
      <div className="order-head">
        <Badge tone={sourceTone(order)}>{sourceLabel(order)}</Badge>
        {/* Order numbers are what buyers quote: long, but no internal id. */}
        <strong data-reference="order">{orderNames(order)}</strong>
        {order.status && <Badge tone={statusTone(order.status)}>{order.status}</Badge>}
      </div>
      <dl className="order-facts">
        {order.customerName && (
          <>
            <dt>Customer</dt>
            <dd>{order.customerName}</dd>
          </>
        )}
        {order.createdAt && (
          <>
            <dt>Ordered</dt>
            <dd>{day(order.createdAt)}</dd>
          </>
        )}
        {order.total && (
          <>
            <dt>Paid</dt>
            <dd>
              {money(order.total)}
              {order.financialStatus && <span className="muted"> ({order.financialStatus.toLowerCase()})</span>}
            </dd>
          </>
        )}
        {order.shipByAt && (
          <>
            <dt>Ship by</dt>
            <dd>{day(order.shipByAt)}</dd>
          </>
        )}
      </dl>
      {order.lineItems.length > 0 && (
        <ul className="order-items" aria-label="Items">
          {order.lineItems.map((item, i) => (
            <li key={`${item.sku ?? item.title}-${i}`}>
              {item.quantity} × {item.title}
              {item.variant && <span className="muted"> · {item.variant}</span>}
            </li>
          ))}
        </ul>
      )}
      {order.shipments.length === 0 ? (
        <p className="muted">Not shipped yet.</p>
      ) : (
        <ul className="order-shipments" aria-label="Shipments">
          {order.shipments.map((s, i) => (
            <li key={`${s.trackingNumber ?? "parcel"}-${i}`}>
              {s.status && <Badge tone={statusTone(s.status)}>{s.status}</Badge>} {s.carrier}{" "}
              {/* A shop's tracking link is text from outside: a link only when it is plain https. */}
              {s.trackingUrl?.startsWith("https://") ? (
                <a href={s.trackingUrl} target="_blank" rel="noreferrer noopener" data-reference="tracking">
                  {s.trackingNumber ?? "Tracking"}
                </a>
              ) : (
                <span data-reference="tracking">{s.trackingNumber}</span>
              )}
              {s.deliveredAt ? (
                <span className="muted"> · delivered {day(s.deliveredAt)}</span>
              ) : (
                s.estimatedDeliveryAt && <span className="muted"> · expected {day(s.estimatedDeliveryAt)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {order.afterSales.length > 0 && (
        <ul className="order-after-sales" aria-label="Returns, refunds and cancellations">
          {order.afterSales.map((a) => (
            <li key={`${a.kind}-${a.id}`}>
              <Badge tone="danger">{KIND_NAMES[a.kind]}</Badge> {a.status}
              {a.refundAmount && ` · ${money(a.refundAmount)}`}
              {a.requestedAt && <span className="muted"> · {day(a.requestedAt)}</span>}
              {a.reason && <span className="muted"> · {a.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The panel's search box: the agent types what the customer gave them, and sees what it finds. */
function OrderSearch() {
  const [text, setText] = useState("");
  const [asked, setAsked] = useState("");
  const search = useQuery(orderSearchQueryOptions(asked));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(text.trim());
  };
  return (
    <div className="order-search">
      <form onSubmit={submit} role="search" aria-label="Order search">
        <label>
          Search orders
          <input value={text} placeholder="#1042, TikTok order id, tracking number, email or phone" onChange={(e) => setText(e.target.value)} />
        </label>
        <button className="btn btn-sm" type="submit" disabled={text.trim().length < 3}>
          Search
        </button>
      </form>
      {search.isFetching && <p className="muted">Asking the shops…</p>}
      {search.isError && <p className="error">{search.error.message}</p>}
      {search.data && search.data.orders.length === 0 && <p className="muted">{search.data.reason}</p>}
      {search.data?.orders.map((order) => <OrderDetails key={`${order.shopifyName}-${order.tiktokOrderId}`} order={order} />)}
    </div>
  );
}

/**
 * The order a message is about, from every connected shop: its details, what can be done to it
 * (and what was), and the buyer's other orders with theirs (a buyer often writes about one order
 * from another's conversation); or, when none was found, why in words and a box to search by hand.
 * Every action is posted into this conversation, whichever of the buyer's orders it is on.
 */
export function OrderPanel({ context, canSearch, messageId }: { context: OrderContext; canSearch: boolean; messageId?: string }) {
  const onOtherOrder = (a: OrderAction) => context.otherOrders.some((o) => actionIsOn(o, a));
  return (
    <section className={`order-panel order-${context.outcome}`} aria-label="Order">
      <h4>Order</h4>
      {context.reason && <p className="order-reason">{context.reason}</p>}
      {context.order && <OrderDetails order={context.order} />}
      {context.order && messageId && (
        // The conversation's own order also lists actions on orders no longer shown here.
        <OrderActions order={context.order} messageId={messageId} canAct={canSearch} listed={(a) => actionIsOn(context.order!, a) || !onOtherOrder(a)} />
      )}
      {context.otherOrders.length > 0 && (
        <details className="order-others">
          <summary>
            {context.otherOrders.length} other order{context.otherOrders.length === 1 ? "" : "s"} of this buyer
          </summary>
          {context.otherOrders.map((order) => (
            <div className="order-other" key={`${order.shopifyName}-${order.tiktokOrderId}`}>
              <OrderDetails order={order} />
              {messageId && <OrderActions order={order} messageId={messageId} canAct={canSearch} main={false} />}
            </div>
          ))}
        </details>
      )}
      {!context.order && canSearch && <OrderSearch />}
    </section>
  );
}
