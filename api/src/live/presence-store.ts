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
  entry: PresenceEntry;
  expiresAt: number;
}

/**
 * Who is looking at which message, in memory. Heartbeats travel on the event bus, so with
 * PostgreSQL every process hears every console's heartbeat and holds the same picture; nothing
 * is stored, and a restarted process knows everyone again within one heartbeat interval.
 */
export function createPresenceStore(events: EventBus, { ttlMs = PRESENCE_TTL_MS, now = () => Date.now() } = {}): PresenceStore {
  /** workspace → message → client → entry */
  const workspaces = new Map<string, Map<string, Map<string, Held>>>();
  const listeners = new Set<PresenceListener>();

  const presenceOf = (messageId: string, clients: Map<string, Held> | undefined): MessagePresence => ({
    messageId,
    entries: [...(clients?.values() ?? [])].map((held) => held.entry),
  });
  const emit = (workspaceId: string, messageId: string, clients: Map<string, Held> | undefined) => {
    const presence = presenceOf(messageId, clients);
    for (const listener of listeners) listener(workspaceId, presence);
  };

  function apply(event: PresenceBusEvent) {
    let messages = workspaces.get(event.workspaceId);
    if (!messages) workspaces.set(event.workspaceId, (messages = new Map()));
    let clients = messages.get(event.messageId);
    if (event.activity === null) {
      // Only the console's own user can say it left.
      if (clients?.get(event.clientId)?.entry.userId !== event.userId) return;
      clients.delete(event.clientId);
    } else {
      if (!clients) messages.set(event.messageId, (clients = new Map()));
      const before = clients.get(event.clientId)?.entry;
      const entry: PresenceEntry = { clientId: event.clientId, userId: event.userId, name: event.name, activity: event.activity };
      clients.set(event.clientId, { entry, expiresAt: now() + ttlMs });
      // A heartbeat that changes nothing only extends the lease: no one needs to hear it.
      if (before && before.activity === entry.activity && before.name === entry.name) return;
    }
    if (clients?.size === 0) messages.delete(event.messageId);
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
            changed = true;
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
    snapshot: (workspaceId) => [...(workspaces.get(workspaceId) ?? new Map<string, Map<string, Held>>())].map(([id, clients]) => presenceOf(id, clients)),
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
