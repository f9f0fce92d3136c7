import { LIVE_EVENT_NAMES, liveReadySchema, messagePresenceSchema } from "@surgedesk/shared";
import { liveStore } from "./live-store.ts";

type LiveEventName = (typeof LIVE_EVENT_NAMES)[number];
/** `reconnected` is set on a `ready` that follows an earlier one: what was missed must be re-read. */
type Handler = (data: unknown, info: { reconnected: boolean }) => void;

const handlers = new Map<LiveEventName, Set<Handler>>();
let source: EventSource | null = null;
let users = 0;
let readies = 0;

function open() {
  const opened = new EventSource("/api/live/stream");
  readies = 0;
  for (const name of LIVE_EVENT_NAMES) {
    opened.addEventListener(name, (event) => {
      let data: unknown;
      try {
        data = JSON.parse((event as MessageEvent<string>).data);
      } catch {
        return;
      }
      if (name === "ready") {
        readies += 1;
        const ready = liveReadySchema.safeParse(data);
        if (ready.success) liveStore.setSnapshot(ready.data.presence);
        liveStore.setConnected(true);
      } else if (name === "presence") {
        const parsed = messagePresenceSchema.safeParse(data);
        if (parsed.success) liveStore.setPresence(parsed.data);
      }
      for (const handler of handlers.get(name) ?? []) handler(data, { reconnected: name === "ready" && readies > 1 });
    });
  }
  opened.addEventListener("error", () => liveStore.setConnected(false));
  return opened;
}

/**
 * The console's one server-sent-events connection, shared by whatever listens (the shell for
 * mentions, the inbox for its list): opened by the first user, closed with the last. Presence and
 * the connected state go to the live store whoever listens. EventSource reconnects by itself.
 */
export function connectLive(): () => void {
  users += 1;
  source ??= open();
  return () => {
    users -= 1;
    if (users > 0 || !source) return;
    source.close();
    source = null;
    liveStore.setConnected(false);
  };
}

/** Hears one kind of live event until the returned function is called. */
export function onLiveEvent(name: LiveEventName, handler: Handler): () => void {
  let set = handlers.get(name);
  if (!set) handlers.set(name, (set = new Set()));
  set.add(handler);
  return () => void set.delete(handler);
}
