import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { connectLive, onLiveEvent } from "../inbox/live-source.ts";
import { orderApprovalsQueryOptions, orderApprovalCountQueryOptions } from "./order-queries.ts";
import "./orders.css";

/**
 * The count of refunds waiting for an admin, beside "Orders" in the navigation (admins only: the
 * caller renders it for them). Live: `approvals.changed` (a refund asked above the threshold, or
 * decided by any admin) makes it, and an open approvals list, read again.
 */
export function ApprovalsBadge() {
  const queryClient = useQueryClient();
  const count = useQuery(orderApprovalCountQueryOptions);
  useEffect(() => {
    const disconnect = connectLive();
    const stop = onLiveEvent("approvals.changed", () => {
      void queryClient.invalidateQueries({ queryKey: orderApprovalsQueryOptions.queryKey });
    });
    return () => {
      stop();
      disconnect();
    };
  }, [queryClient]);
  const waiting = count.data?.waiting ?? 0;
  if (waiting === 0) return null;
  return (
    <span className="badge badge-warning nav-badge" data-testid="approvals-badge" aria-label={`${waiting} refund approval${waiting === 1 ? "" : "s"} waiting`} title="Refunds waiting for your approval">
      {waiting}
    </span>
  );
}
