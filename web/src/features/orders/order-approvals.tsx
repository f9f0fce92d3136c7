import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "../../design/button.tsx";
import { Notice } from "../../design/notice.tsx";
import { decideOrderAction, orderApprovalsQueryOptions } from "./order-queries.ts";
import { money } from "./order-words.ts";

/**
 * Refunds above the workspace's threshold that agents asked for, for an admin to approve (it
 * then runs once) or decline. Shown to admins only; the API refuses everyone else.
 */
export function OrderApprovals() {
  const queryClient = useQueryClient();
  const approvals = useQuery(orderApprovalsQueryOptions);
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: "approve" | "reject" }) => decideOrderAction(id, { decision }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["order-actions"] }),
  });
  const waiting = approvals.data?.actions ?? [];
  if (waiting.length === 0 && !approvals.isError) return null;
  return (
    <section className="order-approvals" aria-labelledby="order-approvals-title">
      <h2 id="order-approvals-title">
        Approval requests <span className="count">{waiting.length}</span>
      </h2>
      {approvals.isError && <Notice tone="error">Could not read the approval requests: {approvals.error.message}</Notice>}
      {decide.isError && <Notice tone="error">{decide.error.message}</Notice>}
      <ul>
        {waiting.map((a) => (
          <li key={a.id} className="order-approval">
            <p>{a.plan.summary}</p>
            <p className="muted">
              {a.plan.amount && `${money(a.plan.amount)} · `}asked by {a.requestedBy?.name ?? "someone"} · {a.plan.approvalReason}
            </p>
            <div className="order-action-buttons">
              <Button size="sm" variant="primary" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, decision: "approve" })}>
                Approve
              </Button>
              <Button size="sm" variant="danger" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, decision: "reject" })}>
                Decline
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
