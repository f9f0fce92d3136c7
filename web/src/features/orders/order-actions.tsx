import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  ORDER_ACTION_STATUS_WORDS,
  type FoundOrder,
  type OrderAction,
  type OrderActionInputDraft,
  type OrderActionPlan,
} from "@surgedesk/shared";
import { Badge } from "../../design/badge.tsx";
import { Button } from "../../design/button.tsx";
import { Dialog, DialogClose } from "../../design/dialog.tsx";
import { VIEWER_REASON } from "../auth/role-reasons.ts";
import { orderActionsQueryOptions, previewOrderAction, requestOrderAction } from "./order-queries.ts";
import { money, orderNames } from "./order-words.ts";

/** An action the panel offers on an order, with the words of its button. */
interface Offer {
  label: string;
  action: OrderActionInputDraft;
  /** Rejecting asks for the reason TikTok Shop shows the buyer. */
  needsReason?: boolean;
  /** A refund lets the agent choose lines. */
  choosesLines?: boolean;
}

const UNFULFILLED = /unfulfilled/i;

/**
 * What can be done to an order, by the system that owns it: Shopify's own orders are cancelled
 * (while unfulfilled) or refunded there; a TikTok Shop order's buyer requests are approved or
 * rejected in TikTok Shop, and it is never refunded through its Shopify copy.
 */
export function offersFor(order: FoundOrder): Offer[] {
  if (order.system === "shopify" && order.shopifyId) {
    const offers: Offer[] = [];
    if (UNFULFILLED.test(order.fulfillmentStatus ?? "") && !/cancel/i.test(order.status ?? "")) {
      offers.push({ label: "Cancel order", action: { kind: "shopify_cancel", orderId: order.shopifyId } });
    }
    offers.push({ label: "Refund", action: { kind: "shopify_refund", orderId: order.shopifyId }, choosesLines: true });
    return offers;
  }
  if (order.system === "tiktok_shop" && order.tiktokOrderId) {
    const orderId = order.tiktokOrderId;
    return order.afterSales
      .filter((a) => /^requested$|requested$/i.test(a.status))
      .flatMap((a): Offer[] => {
        const kind = a.kind === "cancellation" ? "tiktok_cancellation" : "tiktok_return";
        const what = a.kind === "cancellation" ? "cancellation" : a.kind;
        return [
          { label: `Approve ${what}`, action: { kind, orderId, requestId: a.id, decision: "approve" } },
          { label: `Reject ${what}`, action: { kind, orderId, requestId: a.id, decision: "reject" }, needsReason: true },
        ];
      });
  }
  return [];
}

const STATUS_TONE = { awaiting_approval: "warning", declined: "danger", queued: "neutral", running: "neutral", done: "success", failed: "danger" } as const;

function PlanView({ plan }: { plan: OrderActionPlan }) {
  return (
    <div className="order-action-plan">
      <p data-testid="order-action-summary">{plan.summary}</p>
      <dl className="order-facts">
        <dt>Order</dt>
        <dd>{plan.orderLabel}</dd>
        <dt>Done by</dt>
        <dd>{plan.systemName}</dd>
        {plan.refundBreakdown ? (
          <>
            <dt>Items</dt>
            <dd>{money(plan.refundBreakdown.items)}</dd>
            <dt>Shipping</dt>
            <dd>{money(plan.refundBreakdown.shipping)}</dd>
            <dt>Tax</dt>
            <dd>{money(plan.refundBreakdown.tax)}</dd>
            <dt>Total refunded</dt>
            <dd data-testid="order-action-total">{money(plan.refundBreakdown.total)}</dd>
          </>
        ) : (
          plan.amount && (
            <>
              <dt>Amount</dt>
              <dd>{money(plan.amount)}</dd>
            </>
          )
        )}
      </dl>
      {plan.lines.length > 0 && (
        <ul className="order-items" aria-label="Lines concerned">
          {plan.lines.map((l, i) => (
            <li key={`${l.lineItemId ?? l.title}-${i}`}>
              {l.quantity} × {l.title}
              {l.variant && <span className="muted"> · {l.variant}</span>}
              {l.amount && <span className="muted"> · {money(l.amount)}</span>}
            </li>
          ))}
        </ul>
      )}
      {plan.approvalReason && <p className={plan.needsApproval ? "notice" : "muted"}>{plan.approvalReason}</p>}
    </div>
  );
}

/** The confirmation: asks the shop what would happen, shows exactly that, and does it once. */
function ActionDialog({ offer, messageId, onClose }: { offer: Offer; messageId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  // One key per confirmation: a double click or a retried request is the same action.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [reason, setReason] = useState("");
  const [chosen, setChosen] = useState<Record<string, boolean> | null>(null);
  const picked = (id: string) => chosen?.[id] ?? true;
  const typed = reason.trim();
  const action: OrderActionInputDraft = offer.needsReason && "decision" in offer.action ? { ...offer.action, rejectReason: typed || undefined } : offer.action;
  // The lines still refundable come from the first answer; unticking one asks again for that refund.
  const [lineChoices, setLineChoices] = useState<OrderActionPlan["orderLines"]>([]);
  const lines = lineChoices.filter((l) => chosen?.[l.lineItemId!] ?? true).map((l) => ({ lineItemId: l.lineItemId!, quantity: l.refundableQuantity! }));
  const partial = offer.choosesLines && chosen !== null && lines.length < lineChoices.length;
  const finalAction: OrderActionInputDraft = partial && action.kind === "shopify_refund" ? { ...action, lines } : action;
  // Until the agent has typed a reason, the preview shows where it will go.
  const asked: OrderActionInputDraft = offer.needsReason && "decision" in finalAction && typed.length < 3 ? { ...finalAction, rejectReason: "(your reason)" } : finalAction;
  const preview = useQuery({
    queryKey: ["order-actions", "preview", messageId, JSON.stringify(asked)] as const,
    queryFn: () => previewOrderAction({ messageId, action: asked }),
    enabled: !partial || lines.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 0,
  });
  const shown = preview.data;
  if (shown?.kind === "shopify_refund" && lineChoices.length === 0) {
    const refundable = shown.orderLines.filter((l) => (l.refundableQuantity ?? 0) > 0 && l.lineItemId);
    if (refundable.length > 0) setLineChoices(refundable);
  }
  const submit = useMutation({
    mutationFn: () => requestOrderAction({ messageId, idempotencyKey, action: finalAction }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["order-actions", messageId] });
      onClose();
    },
  });
  const blocked = !shown || preview.isFetching || (offer.needsReason && typed.length < 3) || (partial && lines.length === 0) || submit.isPending;
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={`${offer.label}?`} description="Check exactly what will happen before confirming.">
      {preview.isPending && preview.fetchStatus !== "idle" && <p className="muted">Asking the shop…</p>}
      {partial && lines.length === 0 && <p className="muted">Tick at least one line to refund.</p>}
      {preview.isError && <p className="error" role="alert">{preview.error.message}</p>}
      {shown && <PlanView plan={shown} />}
      {lineChoices.length > 1 && offer.choosesLines && (
        <fieldset className="order-action-lines">
          <legend>Refund these lines</legend>
          {lineChoices.map((l) => (
            <label key={l.lineItemId}>
              <input type="checkbox" checked={picked(l.lineItemId!)} onChange={(e) => setChosen({ ...chosen, [l.lineItemId!]: e.target.checked })} /> {l.refundableQuantity} × {l.title}
              {l.variant && ` · ${l.variant}`}
            </label>
          ))}
        </fieldset>
      )}
      {offer.needsReason && (
        <label className="order-action-reason">
          Reason (TikTok Shop shows it to the buyer)
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={2} />
        </label>
      )}
      {submit.isError && <p className="error" role="alert">{submit.error.message}</p>}
      <div className="dialog-actions">
        <DialogClose asChild>
          <Button>Back</Button>
        </DialogClose>
        <Button variant="danger-solid" disabled={blocked} onClick={() => submit.mutate()}>
          {shown?.needsApproval ? "Ask an admin to approve" : `Confirm: ${offer.label.toLowerCase()}`}
        </Button>
      </div>
    </Dialog>
  );
}

function ActionStatus({ action }: { action: OrderAction }) {
  return (
    <li>
      <Badge tone={STATUS_TONE[action.status]}>{action.status === "awaiting_approval" ? "Waiting for approval" : ORDER_ACTION_STATUS_WORDS[action.status]}</Badge>{" "}
      {action.result ?? action.plan.summary}
      {action.requestedBy && <span className="muted"> · asked by {action.requestedBy.name}</span>}
      {action.decidedBy && <span className="muted"> · {action.status === "declined" ? "declined" : "approved"} by {action.decidedBy.name}</span>}
      {action.status === "queued" && action.lastError && <span className="muted"> · retrying: {action.lastError}</span>}
    </li>
  );
}

/** Whether an action was on this order (an action names its order as the agent does: `#10479` or the TikTok Shop id). */
export function actionIsOn(order: Pick<FoundOrder, "shopifyName" | "tiktokOrderId">, action: OrderAction): boolean {
  return action.plan.orderLabel === order.shopifyName || action.plan.orderLabel === order.tiktokOrderId;
}

/**
 * An order's action buttons (agents) and the conversation's actions on it with their status. The
 * conversation's own order is `main`: its list keeps the plain names the rest of the console uses;
 * the buyer's other orders name themselves, as one panel shows several. `listed` picks the
 * conversation's actions shown here.
 */
export function OrderActions({
  order,
  messageId,
  canAct,
  main = true,
  listed = (a) => actionIsOn(order, a),
}: {
  order: FoundOrder;
  messageId: string;
  canAct: boolean;
  main?: boolean;
  listed?: (action: OrderAction) => boolean;
}) {
  const [open, setOpen] = useState<Offer | null>(null);
  const actions = useQuery(orderActionsQueryOptions(messageId));
  const offers = offersFor(order);
  const syncedCopy = order.system === "tiktok_shop" && order.shopifyName;
  const shown = actions.data?.actions.filter(listed) ?? [];
  const name = orderNames(order);
  return (
    <div className="order-actions">
      {offers.length > 0 && (
        <div className="order-action-buttons" role="group" aria-label={main ? "Order actions" : `Actions on ${name}`}>
          {offers.map((offer) => (
            <Button key={offer.label} size="sm" disabled={!canAct} title={canAct ? undefined : VIEWER_REASON} onClick={() => setOpen(offer)}>
              {offer.label}
            </Button>
          ))}
        </div>
      )}
      {!canAct && offers.length > 0 && <p className="muted role-note">{VIEWER_REASON}</p>}
      {syncedCopy && <p className="muted">TikTok Shop owns this order: its refunds and cancellations happen there, never through its Shopify copy {order.shopifyName}.</p>}
      {shown.length > 0 && (
        <ul className="order-action-list" aria-label={main ? "Order actions taken" : `Actions taken on ${name}`}>
          {shown.map((a) => (
            <ActionStatus key={a.id} action={a} />
          ))}
        </ul>
      )}
      {open && <ActionDialog offer={open} messageId={messageId} onClose={() => setOpen(null)} />}
    </div>
  );
}
