import { useSyncExternalStore } from "react";

/**
 * Keyboard commands that the list page hears but the detail pane carries out (l opens the
 * label picker, t the tag picker, r the reply box), and the shortcut sheet.
 */
export interface InboxUi {
  labelPicker: boolean;
  /** `t`: the tag picker on the open message. */
  tagPicker: boolean;
  reply: boolean;
  /** What r, n or m asked the composer for: a reply, a note, or a reply with the macros open. */
  composeIntent: "reply" | "note" | "macro" | null;
  /** The reply panel holds a draft: other consoles are told this one is replying. */
  composing: boolean;
  shortcuts: boolean;
}

let state: InboxUi = { labelPicker: false, tagPicker: false, reply: false, composeIntent: null, composing: false, shortcuts: false };
const listeners = new Set<() => void>();

export function setInboxUi(patch: Partial<InboxUi>) {
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function useInboxUi(): InboxUi {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    () => state,
  );
}
