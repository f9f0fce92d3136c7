import { useEffect, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { liveMessagesEventSchema, liveOrderChangedEventSchema, liveReadySchema, messagePresenceSchema } from "@surgedesk/shared";
import { refetchChangedOrder } from "../orders/order-changes.ts";
import { createLiveBatch } from "./live-batch.ts";
import { liveStore } from "./live-store.ts";

/**
 * The console's one server-sent-events connection. EventSource reconnects by itself; each
 * (re)connection starts with `ready`, after which `onResync` lets the inbox re-read what it may
 * have missed while disconnected. Changed messages come to `onMessages` in batches: a burst of
 * events is one lookup, not one per event. `order.changed` makes an open order panel read its
 * order again.
 */
export function useLiveStream(onMessages: (ids: string[]) => void, onResync: () => void) {
  const handlers = useRef({ onMessages, onResync });
  const queryClient = useQueryClient();
  useEffect(() => {
    handlers.current = { onMessages, onResync };
  });
  useEffect(() => {
    const source = new EventSource("/api/live/stream");
    const batch = createLiveBatch((ids) => handlers.current.onMessages(ids));
    let readyBefore = false;
    source.addEventListener("ready", (event) => {
      const ready = liveReadySchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (ready.success) liveStore.setSnapshot(ready.data.presence);
      liveStore.setConnected(true);
      if (readyBefore) handlers.current.onResync();
      readyBefore = true;
    });
    source.addEventListener("messages", (event) => {
      const parsed = liveMessagesEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) batch.add(parsed.data.ids);
    });
    source.addEventListener("presence", (event) => {
      const parsed = messagePresenceSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) liveStore.setPresence(parsed.data);
    });
    source.addEventListener("order.changed", (event) => {
      const parsed = liveOrderChangedEventSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) void refetchChangedOrder(queryClient, parsed.data);
    });
    source.addEventListener("error", () => liveStore.setConnected(false));
    return () => {
      source.close();
      batch.cancel();
      liveStore.setConnected(false);
    };
  }, [queryClient]);
}
