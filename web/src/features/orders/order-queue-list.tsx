import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { OrderBulkReplyResponse, QueuedOrder } from "@surgedesk/shared";
import { Button } from "../../design/button.tsx";
import { Dialog, DialogClose } from "../../design/dialog.tsx";
import { Notice } from "../../design/notice.tsx";
import { PLATFORM_NAMES } from "../../lib/format.ts";
import { OrderDetails } from "./order-panel.tsx";
import { replyToWaitingBuyers } from "./order-queries.ts";
import { orderNames, replyToAllLabel } from "./order-words.ts";
import { messageTextInWords } from "../inbox/message-text.tsx";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * One order of an order-side queue: why it is there, the order itself, and everyone waiting on it,
 * with "Reply to all" showing each buyer's exact reply before anything is sent.
 */
export function QueuedOrderCard({ item, canSend }: { item: QueuedOrder; canSend: boolean }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // One key per decision to send, so a retried click never answers anyone twice.
  const [key, setKey] = useState(() => `orders-${crypto.randomUUID()}`);
  const ready = item.waiting.filter((w) => w.unfilled.length === 0);
  const send = useMutation({
    mutationFn: () => replyToWaitingBuyers({ idempotencyKey: key, replies: ready.map((w) => ({ messageId: w.messageId, text: w.draft })) }),
    onSuccess: () => {
      setKey(`orders-${crypto.randomUUID()}`);
      void queryClient.invalidateQueries({ queryKey: ["orders", "queues"] });
    },
  });
  const sent: OrderBulkReplyResponse | undefined = send.data;

  return (
    <article className="queued-order" aria-label={`Order ${orderNames(item.order)}`}>
      <p className="queued-order-why">{item.why}</p>
      <OrderDetails order={item.order} />
      <h4>{item.waiting.length === 0 ? "Nobody is asking about it yet." : `${plural(item.waiting.length, "buyer", "buyers")} waiting`}</h4>
      {item.waiting.length > 0 && (
        <ul className="waiting-buyers">
          {item.waiting.map((w) => (
            <li key={w.messageId}>
              <Link to="/inbox/$messageId" params={{ messageId: w.messageId }} search={{ queue: "all" }}>
                {w.authorHandle ? `@${w.authorHandle}` : "A customer"}
              </Link>{" "}
              <span className="muted">
                ({PLATFORM_NAMES[w.platform]} {w.kind === "dm" ? "DM" : "comment"})
              </span>
              : {messageTextInWords(w.text)}
              {w.unfilled.length > 0 && <span className="field-error"> · reply needs {w.unfilled.join(", ")}: answer from the message</span>}
            </li>
          ))}
        </ul>
      )}
      {canSend && ready.length > 0 && !sent && (
        <Button variant="primary" onClick={() => setConfirming(true)} disabled={send.isPending}>
          {replyToAllLabel(ready.length)}
        </Button>
      )}
      {send.isError && <Notice tone="error">Nothing was sent: {send.error.message}</Notice>}
      {sent && (
        <Notice tone={sent.results.every((r) => r.queued) ? "success" : "warning"}>
          {plural(sent.results.filter((r) => r.queued).length, "reply", "replies")} queued.
          {sent.results
            .filter((r) => r.problem)
            .map((r) => ` ${item.waiting.find((w) => w.messageId === r.messageId)?.authorHandle ?? "A buyer"}: ${r.problem}`)
            .join("")}
        </Notice>
      )}
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Reply to ${plural(ready.length, "buyer", "buyers")} about ${orderNames(item.order)}?`}
        description={item.macroTitle ? `Each gets the “${item.macroTitle}” macro filled from this order, as below.` : "Each gets the reply below."}
      >
        <ol className="bulk-reply-preview">
          {ready.map((w) => (
            <li key={w.messageId}>
              <strong>{w.authorHandle ? `@${w.authorHandle}` : "A customer"}</strong>
              <p>{w.draft}</p>
            </li>
          ))}
        </ol>
        <div className="dialog-actions">
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button
            variant="primary"
            onClick={() => {
              setConfirming(false);
              send.mutate();
            }}
          >
            Send {plural(ready.length, "reply", "replies")}
          </Button>
        </div>
      </Dialog>
    </article>
  );
}
