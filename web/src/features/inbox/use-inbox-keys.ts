import { useEffect, useRef } from "react";
import type { Message } from "@surgedesk/shared";
import { setInboxUi, type InboxUi } from "./inbox-ui-store.ts";
import { afterClosing, commandFor, cursorIndex, moveFrom } from "./inbox-keymap.ts";

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
  /** Set for a role that may not change messages: those keys say why instead of acting. */
  readOnlyReason: string | null;
  onRefused: (reason: string) => void;
}

const CHANGING_COMMANDS = new Set(["close", "assignToMe", "label", "tag", "reply", "note", "macro"]);

/**
 * The keyboard: j/k move, x select, e close, a assign to me, l label, t tags, r reply, n note, m macro, / search,
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
      const { items, ui, open, toggle, close, assignToMe, clearSelection, readOnlyReason, onRefused } = latest.current;
      if (event.key === "Escape") {
        if (ui.shortcuts || ui.labelPicker || ui.tagPicker) setInboxUi({ shortcuts: false, labelPicker: false, tagPicker: false });
        else clearSelection();
        return;
      }
      const command = commandFor(event, { typing: isTyping(event.target), sheetOpen: ui.shortcuts || ui.labelPicker || ui.tagPicker });
      if (!command) return;
      if (readOnlyReason && CHANGING_COMMANDS.has(command)) {
        onRefused(readOnlyReason);
        return;
      }
      const index = cursorIndex(items, cursor.current, lastIndex.current);
      const current = index >= 0 ? items[index] : undefined;
      if (current) lastIndex.current = index;
      const go = (target: Message | undefined) => {
        if (!target) return;
        cursor.current = target.id;
        lastIndex.current = items.indexOf(target);
        open(target);
      };
      switch (command) {
        case "next":
        case "previous":
          go(moveFrom(items, index, command));
          break;
        case "toggle":
          if (current) toggle(current.id);
          break;
        case "close":
          if (current) {
            const next = afterClosing(items, index);
            close(current, next);
            go(next);
          }
          break;
        case "assignToMe":
          if (current) assignToMe(current);
          break;
        case "label":
          if (current) setInboxUi({ labelPicker: true });
          break;
        case "tag":
          if (current) setInboxUi({ tagPicker: true });
          break;
        case "reply":
        case "note":
        case "macro":
          if (current) setInboxUi({ reply: true, composeIntent: command });
          break;
        case "search":
          document.getElementById("inbox-search")?.focus();
          break;
        case "shortcuts":
          setInboxUi({ shortcuts: true });
          break;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
