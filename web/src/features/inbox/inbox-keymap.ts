/** What each key does in the inbox (the shortcut sheet lists the same). */
export const INBOX_KEYS = {
  j: "next",
  k: "previous",
  x: "toggle",
  e: "close",
  a: "assignToMe",
  l: "label",
  t: "tag",
  r: "reply",
  n: "note",
  m: "macro",
  "/": "search",
  "?": "shortcuts",
} as const;

export type InboxCommand = (typeof INBOX_KEYS)[keyof typeof INBOX_KEYS];

export interface KeyPress {
  key: string;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
}

/**
 * The command a key press gives, if any. Not while the agent types in a field, holds a
 * modifier (the browser's own shortcuts), or has a sheet open (it takes the keys itself).
 */
export function commandFor(press: KeyPress, context: { typing: boolean; sheetOpen: boolean }): InboxCommand | undefined {
  if (press.metaKey || press.ctrlKey || press.altKey || context.typing || context.sheetOpen) return undefined;
  return Object.hasOwn(INBOX_KEYS, press.key) ? INBOX_KEYS[press.key as keyof typeof INBOX_KEYS] : undefined;
}

/**
 * Where the keyboard is in the list: the index of the current message, or -1 for none. When
 * the current message has left the list (closed, changed by someone), the keyboard stands just
 * before where it was, so that j lands on what took its place.
 */
export function cursorIndex(items: readonly { id: string }[], currentId: string | undefined, lastIndex: number): number {
  const index = items.findIndex((m) => m.id === currentId);
  if (index === -1 && currentId) return Math.min(lastIndex, items.length - 1) - 1;
  return index;
}

/** The message j or k lands on from `index` (the ends hold). */
export function moveFrom<T>(items: readonly T[], index: number, command: "next" | "previous"): T | undefined {
  return command === "next" ? items[Math.min(index + 1, items.length - 1)] : items[Math.max(index - 1, 0)];
}

/** Where the keyboard goes after closing the message at `index`: the one below, else the one above. */
export function afterClosing<T>(items: readonly T[], index: number): T | undefined {
  return items[index + 1] ?? items[index - 1];
}
