import { useEffect, useRef } from "react";
import type { Message } from "@surgedesk/shared";
import { setInboxUi, type InboxUi } from "./inbox-ui-store.ts";

function isTyping(target: EventTarget | null) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
}

export interface InboxKeyActions {
  items: Message[];
  currentId: string | undefined;
  ui: InboxUi;
  open: (message: Message) => void;
  toggle: (id: string) => void;
  close: (message: Message, next: Message | undefined) => void;
  assignToMe: (message: Message) => void;
  clearSelection: () => void;
}

/**
 * The keyboard: j/k move, x select, e close, a assign to me, l label, r reply, / search,
 * ? shortcuts, Esc clears. The row the keyboard is on moves at the keypress, before the
 * navigation it starts has rendered, so fast presses never act on a stale row.
 */
export function useInboxKeys(actions: InboxKeyActions) {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  const cursor = useRef(actions.currentId);
  const lastIndex = useRef(0);
  useEffect(() => {
    cursor.current = actions.currentId;
  }, [actions.currentId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { items, ui, open, toggle, close, assignToMe, clearSelection } = latest.current;
      if (event.key === "Escape") {
        if (ui.shortcuts || ui.labelPicker) setInboxUi({ shortcuts: false, labelPicker: false });
        else clearSelection();
        return;
      }
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target) || ui.shortcuts || ui.labelPicker) return;
      let index = items.findIndex((m) => m.id === cursor.current);
      // The current message left the list (closed, changed by someone): carry on from where it was.
      if (index === -1 && cursor.current) index = Math.min(lastIndex.current, items.length - 1) - 1;
      const current = index >= 0 ? items[index] : undefined;
      if (current) lastIndex.current = index;
      const go = (target: Message | undefined) => {
        if (!target) return;
        cursor.current = target.id;
        lastIndex.current = items.indexOf(target);
        open(target);
      };
      switch (event.key) {
        case "j":
          go(items[Math.min(index + 1, items.length - 1)]);
          break;
        case "k":
          go(items[Math.max(index - 1, 0)]);
          break;
        case "x":
          if (current) toggle(current.id);
          break;
        case "e":
          if (current) {
            const next = items[index + 1] ?? items[index - 1];
            close(current, next);
            if (next) go(next);
          }
          break;
        case "a":
          if (current) assignToMe(current);
          break;
        case "l":
          if (current) setInboxUi({ labelPicker: true });
          break;
        case "r":
          if (current) setInboxUi({ reply: true });
          break;
        case "/":
          document.getElementById("inbox-search")?.focus();
          break;
        case "?":
          setInboxUi({ shortcuts: true });
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
