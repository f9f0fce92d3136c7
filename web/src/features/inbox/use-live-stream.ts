import { useEffect, useRef } from "react";
import { liveMessagesEventSchema, liveReadySchema, messagePresenceSchema, type LiveMessagesEvent } from "@surgedesk/shared";
import { liveStore } from "./live-store.ts";

/**
 * The console's one server-sent-events connection. EventSource reconnects by itself; each
 * (re)connection starts with `ready`, after which `onResync` lets the inbox re-read what it may
 * have missed while disconnected.
 */
export function useLiveStream(onMessages: (event: LiveMessagesEvent) => void, onResync: () => void) {
  const handlers = useRef({ onMessages, onResync });
  useEffect(() => {
    handlers.current = { onMessages, onResync };
  });
  useEffect(() => {
    const source = new EventSource("/api/live/stream");
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
      if (parsed.success) handlers.current.onMessages(parsed.data);
    });
    source.addEventListener("presence", (event) => {
      const parsed = messagePresenceSchema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) liveStore.setPresence(parsed.data);
    });
    source.addEventListener("error", () => liveStore.setConnected(false));
    return () => {
      source.close();
      liveStore.setConnected(false);
    };
  }, []);
}
