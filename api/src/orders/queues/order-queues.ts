import { ORDER_QUEUES, ORDER_QUEUE_NAMES, type FoundOrder, type OrderQueuesResponse, type QueuedOrder } from "@surgedesk/shared";
import type { Database } from "../../db/client.ts";
import { couldNotAsk } from "../could-not-ask.ts";
import { asFound, mergeOrders, orderRefOf } from "../merge-orders.ts";
import type { NamedOrderSource } from "../order-sources.ts";
import { listMacros } from "../../replies/macro-store.ts";
import { draftsFor } from "./order-drafts.ts";
import { queuesOf } from "./queue-rules.ts";
import { waitingMessages } from "./waiting-messages.ts";

/**
 * The order-side queues, read from the systems that own the orders each time (no copy to go
 * stale): every connected source's open orders (`OrderSource.listForQueues`), merged so a
 * TikTok Shop order synced into Shopify counts once, sorted into the queues, each with the
 * buyers' open messages waiting on it. Most urgent first: the earliest deadline, else the oldest.
 */
export async function orderQueues(input: { db: Database; workspaceId: string; sources: readonly NamedOrderSource[]; agentName: string; now: Date }): Promise<OrderQueuesResponse> {
  const { db, workspaceId, sources, agentName, now } = input;
  const problems: string[] = [];
  const found: FoundOrder[] = [];
  await Promise.all(
    sources.map(async ({ name, source }) => {
      if (!source.listForQueues) return;
      try {
        found.push(...(await source.listForQueues()).map(asFound));
      } catch (error) {
        problems.push(couldNotAsk(name, error));
      }
    }),
  );
  const macros = await listMacros(db, workspaceId);
  const byQueue = new Map(ORDER_QUEUES.map((q) => [q, [] as QueuedOrder[]]));
  const draftsByRef = new Map<string, ReturnType<typeof draftsFor>>();
  for (const order of mergeOrders(found)) {
    const placed = queuesOf(order, now);
    if (placed.length === 0) continue;
    const ref = orderRefOf(order);
    const drafts = draftsByRef.get(ref) ?? draftsFor({ order, rows: await waitingMessages(db, workspaceId, order), macros, agentName, now });
    draftsByRef.set(ref, drafts);
    for (const { queue, why } of placed) byQueue.get(queue)?.push({ orderRef: ref, order, why, ...drafts });
  }
  const urgency = (o: QueuedOrder) => o.order.shipByAt ?? o.order.deliverByAt ?? o.order.createdAt ?? "";
  return {
    queues: ORDER_QUEUES.map((queue) => {
      const orders = (byQueue.get(queue) ?? []).sort((a, b) => urgency(a).localeCompare(urgency(b)));
      return { queue, name: ORDER_QUEUE_NAMES[queue], count: orders.length, orders };
    }),
    problems: problems.sort(),
  };
}
