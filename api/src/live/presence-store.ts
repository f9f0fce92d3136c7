import { PRESENCE_TTL_MS, type MessagePresence, type PresenceEntry } from "@surgedesk/shared";
import type { EventBus, PresenceBusEvent } from "../events/event-bus.ts";

type PresenceListener = (workspaceId: string, presence: MessagePresence) => void;

export interface PresenceStore {
  /** Everyone on any message of the workspace, for a console that just connected. */
  snapshot(workspaceId: string): MessagePresence[];
  /** Hears each message whose set of consoles changed (joined, left, expired, started replying). */
  subscribe(listener: PresenceListener): () => void;
  /** Forgets consoles whose heartbeats stopped; runs on a timer, callable from tests. */
  sweep(): void;
  close(): void;
}

interface Held {
  /** Null once the console said it left: kept for a lease, so an older beat cannot bring it back. */
  entry: PresenceEntry | null;
  userId: string;
  seq: number;
  expiresAt: number;
}

/**
 * Who is looking at which message, in memory. Heartbeats travel on the event bus, so with
 * PostgreSQL every process hears every console's heartbeat and holds the same picture; nothing
 * is stored, and a restarted process knows everyone again within one heartbeat interval.
 *
 * A console's beats and leaves can arrive out of order (separate requests, and a view that
 * mounts twice says "here, gone, here" within a few milliseconds), so each carries the
 * console's sequence number and only a higher one changes what is known of that console.
 */
export function createPresenceStore(events: EventBus, { ttlMs = PRESENCE_TTL_MS, now = () => Date.now() } = {}): PresenceStore {
  /** workspace → message → client → what that console last said about the message */
  const workspaces = new Map<string, Map<string, Map<string, Held>>>();
  const listeners = new Set<PresenceListener>();

  const presenceOf = (messageId: string, clients: Map<string, Held> | undefined): MessagePresence => ({
    messageId,
    entries: [...(clients?.values() ?? [])].flatMap((held) => (held.entry ? [held.entry] : [])),
  });
  const emit = (workspaceId: string, messageId: string, clients: Map<string, Held> | undefined) => {
    const presence = presenceOf(messageId, clients);
    for (const listener of listeners) listener(workspaceId, presence);
  };

  function apply(event: PresenceBusEvent) {
    let messages = workspaces.get(event.workspaceId);
    if (!messages) workspaces.set(event.workspaceId, (messages = new Map()));
    let clients = messages.get(event.messageId);
    if (!clients) messages.set(event.messageId, (clients = new Map()));
    // Only the console's own user speaks for it, and only its newer word counts. (Another
    // user's leave under the same id is no one's presence: it blocks nothing.)
    const found = clients.get(event.clientId);
    const held = found && (found.userId === event.userId || found.entry) ? found : undefined;
    if (held && (held.userId !== event.userId || held.seq >= event.seq)) return;
    const before = held?.entry ?? null;
    const entry: PresenceEntry | null =
      event.activity === null ? null : { clientId: event.clientId, userId: event.userId, name: event.name, activity: event.activity };
    clients.set(event.clientId, { entry, userId: event.userId, seq: event.seq, expiresAt: now() + ttlMs });
    // A heartbeat that changes nothing only extends the lease: no one needs to hear it.
    if (before?.activity === entry?.activity && before?.name === entry?.name) return;
    emit(event.workspaceId, event.messageId, clients);
  }

  const unsubscribe = events.subscribe((event) => {
    if (event.type === "presence") apply(event);
  });

  function sweep() {
    const at = now();
    for (const [workspaceId, messages] of workspaces) {
      for (const [messageId, clients] of messages) {
        let changed = false;
        for (const [clientId, held] of clients) {
          if (held.expiresAt <= at) {
            clients.delete(clientId);
            if (held.entry) changed = true;
          }
        }
        if (clients.size === 0) messages.delete(messageId);
        if (changed) emit(workspaceId, messageId, clients);
      }
      if (messages.size === 0) workspaces.delete(workspaceId);
    }
  }
  const timer = setInterval(sweep, Math.max(1_000, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    snapshot: (workspaceId) =>
      [...(workspaces.get(workspaceId) ?? new Map<string, Map<string, Held>>())]
        .map(([id, clients]) => presenceOf(id, clients))
        .filter((presence) => presence.entries.length > 0),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    sweep,
    close() {
      clearInterval(timer);
      unsubscribe();
      listeners.clear();
    },
  };
}
