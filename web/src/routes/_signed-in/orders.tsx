import { useQuery } from "@tanstack/react-query";
import { createFileRoute } from "@tanstack/react-router";
import { EmptyState } from "../../design/empty-state.tsx";
import { Notice } from "../../design/notice.tsx";
import { meQueryOptions } from "../../features/auth/session-queries.ts";
import { VIEWER_REASON } from "../../features/auth/role-reasons.ts";
import { OrderApprovals } from "../../features/orders/order-approvals.tsx";
import { QueuedOrderCard } from "../../features/orders/order-queue-list.tsx";
import { orderQueuesQueryOptions } from "../../features/orders/order-queries.ts";
import "../../features/orders/orders.css";

export const Route = createFileRoute("/_signed-in/orders")({ component: OrdersPage });

/** The day starts from the orders: those about to miss their ship-by, cancellation requests, late ones. */
function OrdersPage() {
  const { data: me } = useQuery(meQueryOptions);
  const canRead = me?.role !== "viewer";
  const queues = useQuery({ ...orderQueuesQueryOptions, enabled: canRead });
  return (
    <div className="orders-page">
      <h1>Orders</h1>
      <p className="muted">Orders that need action before their buyers ask, and everyone already waiting on each, answered at once.</p>
      {!canRead && <Notice tone="info">{VIEWER_REASON}</Notice>}
      {me?.role === "admin" && <OrderApprovals />}
      {queues.isPending && canRead && <p className="muted">Asking the shops…</p>}
      {queues.isError && <Notice tone="error">Could not read the order queues: {queues.error.message}</Notice>}
      {queues.data?.problems.map((problem) => (
        <Notice key={problem} tone="warning" focus={false}>
          {problem}
        </Notice>
      ))}
      {queues.data &&
        queues.data.queues.map((queue) => (
          <section key={queue.queue} className="order-queue" aria-labelledby={`queue-${queue.queue}`}>
            <h2 id={`queue-${queue.queue}`}>
              {queue.name} <span className="count">{queue.count}</span>
            </h2>
            {queue.orders.length === 0 ? (
              <EmptyState title="Nothing here right now.">No order is in this queue; it fills as the shops report orders.</EmptyState>
            ) : (
              queue.orders.map((item) => <QueuedOrderCard key={item.orderRef} item={item} canSend={canRead} />)
            )}
          </section>
        ))}
    </div>
  );
}
