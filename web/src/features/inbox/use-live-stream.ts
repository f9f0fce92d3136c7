import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { liveMessagesEventSchema, liveOrderChangedEventSchema } from "@surgedesk/shared";
import { refetchChangedOrder } from "../orders/order-changes.ts";
import { createLiveBatch } from "./live-batch.ts";
import { connectLive, onLiveEvent } from "./live-source.ts";

/**
 * The inbox's part of the live stream (`live-source.ts`). EventSource reconnects by itself; after
 * a reconnection `onResync` lets the inbox re-read what it may have missed while disconnected.
 * Changed messages come to `onMessages` in batches: a burst of events is one lookup, not one per
 * event. `order.changed` makes an open order panel read its order again.
 */
export function useLiveStream(onMessages: (ids: string[]) => void, onResync: () => void) {
  const handlers = useRef({ onMessages, onResync });
  const queryClient = useQueryClient();
  useEffect(() => {
    handlers.current = { onMessages, onResync };
  });
  useEffect(() => {
    const disconnect = connectLive();
    const batch = createLiveBatch((ids) => handlers.current.onMessages(ids));
    const stops = [
      onLiveEvent("ready", (_data, { reconnected }) => reconnected && handlers.current.onResync()),
      onLiveEvent("messages", (data) => {
        const parsed = liveMessagesEventSchema.safeParse(data);
        if (parsed.success) batch.add(parsed.data.ids);
      }),
      onLiveEvent("order.changed", (data) => {
        const parsed = liveOrderChangedEventSchema.safeParse(data);
        if (parsed.success) void refetchChangedOrder(queryClient, parsed.data);
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      batch.cancel();
      disconnect();
    };
  }, [queryClient]);
}
