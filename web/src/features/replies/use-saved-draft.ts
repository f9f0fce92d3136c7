import { useCallback, useState } from "react";

const PREFIX = "surgedesk.draft.";

function read(key: string): string {
  try {
    return sessionStorage.getItem(PREFIX + key) ?? "";
  } catch {
    return "";
  }
}

function write(key: string, text: string) {
  try {
    if (text) sessionStorage.setItem(PREFIX + key, text);
    else sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Storage full or refused (private mode): the draft still lives in the page.
  }
}

/**
 * A reply being written, kept across a page reload. Session storage, not local: a draft
 * holds a buyer's details, so it goes with the tab rather than staying on a shared computer;
 * a sent reply clears it.
 */
export function useSavedDraft(key: string): [string, (text: string) => void] {
  const [text, setText] = useState(() => read(key));
  const save = useCallback(
    (next: string) => {
      setText(next);
      write(key, next);
    },
    [key],
  );
  return [text, save];
}

/** Signing out forgets every draft of this tab: the next person to sign in must not see them. */
export function clearSavedDrafts() {
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
