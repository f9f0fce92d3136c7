import { useSyncExternalStore } from "react";
import type { MessagePresence, PresenceEntry } from "@surgedesk/shared";

/** This tab, among the consoles the server knows: one user's two tabs are two consoles. */
export const CLIENT_ID = crypto.randomUUID();

const listeners = new Set<() => void>();
let presence = new Map<string, PresenceEntry[]>();
let connected = false;
const NOBODY: PresenceEntry[] = [];

function changed() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** What the live stream knows: who has which message open, and whether it is connected. */
export const liveStore = {
  setSnapshot(all: MessagePresence[]) {
    presence = new Map(all.map((p) => [p.messageId, p.entries]));
    changed();
  },
  setPresence(update: MessagePresence) {
    presence = new Map(presence);
    if (update.entries.length === 0) presence.delete(update.messageId);
    else presence.set(update.messageId, update.entries);
    changed();
  },
  setConnected(value: boolean) {
    if (connected === value) return;
    connected = value;
    changed();
  },
};

/** Other consoles on this message (this tab left out). */
export function useOthersOnMessage(messageId: string): PresenceEntry[] {
  const entries = useSyncExternalStore(subscribe, () => presence.get(messageId) ?? NOBODY);
  return entries.filter((entry) => entry.clientId !== CLIENT_ID);
}

export function useLiveConnected(): boolean {
  return useSyncExternalStore(subscribe, () => connected);
}
