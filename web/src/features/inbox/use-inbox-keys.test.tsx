// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Message } from "@surgedesk/shared";
import { setInboxUi, useInboxUi, type InboxUi } from "./inbox-ui-store.ts";
import { useInboxKeys, type InboxKeyActions } from "./use-inbox-keys.ts";

const messages = ["m1", "m2", "m3"].map((id) => ({ id }) as Message);
const closedUi: InboxUi = { labelPicker: false, tagPicker: false, reply: false, composeIntent: null, composing: false, shortcuts: false };

/** The hook as the inbox page uses it; `open` moves the current message like the route does. */
function renderKeys(items: Message[] = messages, readOnlyReason: string | null = null) {
  const actions = { open: vi.fn(), toggle: vi.fn(), close: vi.fn(), assignToMe: vi.fn(), clearSelection: vi.fn(), onRefused: vi.fn() };
  const hook = renderHook(
    ({ currentId, list }: { currentId: string | undefined; list: Message[] }) => {
      const ui = useInboxUi();
      useInboxKeys({ ...actions, items: list, currentId, ui, readOnlyReason } satisfies InboxKeyActions);
      return ui;
    },
    { initialProps: { currentId: undefined as string | undefined, list: items } },
  );
  return { ...actions, hook };
}

const key = (k: string, target: Element | Window = window) => act(() => void fireEvent.keyDown(target, { key: k }));

beforeEach(() => setInboxUi(closedUi));
afterEach(cleanup);

describe("inbox keyboard", () => {
  it("tells a viewer why e, a, l and r do nothing, and still lets them move", () => {
    const { open, close, assignToMe, onRefused, hook } = renderKeys(messages, "Viewers can read the inbox but not change it.");
    key("j");
    for (const k of ["e", "a", "l", "r"]) key(k);
    expect(close).not.toHaveBeenCalled();
    expect(assignToMe).not.toHaveBeenCalled();
    expect(hook.result.current).toMatchObject({ labelPicker: false, reply: false });
    expect(onRefused.mock.calls).toEqual(Array.from({ length: 4 }, () => ["Viewers can read the inbox but not change it."]));
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("moves through the list with j and k", () => {
    const { open } = renderKeys();
    key("j");
    key("j");
    key("k");
    expect(open.mock.calls.map(([m]) => (m as Message).id)).toEqual(["m1", "m2", "m1"]);
  });

  it("selects, closes and assigns the message it is on", () => {
    const { open, toggle, close, assignToMe } = renderKeys();
    key("j");
    key("x");
    expect(toggle).toHaveBeenCalledWith("m1");
    key("a");
    expect(assignToMe).toHaveBeenCalledWith(messages[0]);
    key("e");
    expect(close).toHaveBeenCalledWith(messages[0], messages[1]);
    expect(open).toHaveBeenLastCalledWith(messages[1]);
  });

  it("does nothing to a message before one is chosen", () => {
    const { toggle, close, assignToMe, hook } = renderKeys();
    key("x");
    key("e");
    key("a");
    key("l");
    key("t");
    key("r");
    expect([toggle, close, assignToMe].map((f) => f.mock.calls.length)).toEqual([0, 0, 0]);
    expect(hook.result.current).toEqual(closedUi);
  });

  it("opens the label picker, the tag picker, the reply box and the shortcuts; Esc closes the sheets, then clears the selection", () => {
    const { open, clearSelection, hook } = renderKeys();
    key("j");
    key("l");
    expect(hook.result.current.labelPicker).toBe(true);
    key("Escape");
    expect(hook.result.current.labelPicker).toBe(false);
    key("t");
    expect(hook.result.current.tagPicker).toBe(true);
    // The picker takes the keys: j does not move the list while a tag is searched for.
    key("j");
    expect(open).toHaveBeenCalledOnce();
    key("Escape");
    expect(hook.result.current.tagPicker).toBe(false);
    key("r");
    expect(hook.result.current.reply).toBe(true);
    key("?");
    expect(hook.result.current.shortcuts).toBe(true);
    // The sheet takes the keys: j does not move the list behind it.
    key("j");
    expect(open).toHaveBeenCalledOnce();
    key("Escape");
    expect(hook.result.current.shortcuts).toBe(false);
    expect(clearSelection).not.toHaveBeenCalled();
    key("Escape");
    expect(clearSelection).toHaveBeenCalledOnce();
  });

  it("puts the keyboard in the search box with /, and leaves what is typed there alone", () => {
    const { open } = renderKeys();
    const { getByRole } = render(<input id="inbox-search" aria-label="Search" />);
    const search = getByRole("textbox");
    key("/");
    expect(document.activeElement).toBe(search);
    key("j", search);
    key("e", search);
    expect(open).not.toHaveBeenCalled();
  });

  it("carries on from where the current message was when it leaves the list", () => {
    const { open, hook } = renderKeys();
    key("j");
    key("j");
    hook.rerender({ currentId: "m2", list: [messages[0]!, messages[2]!] });
    key("j");
    expect(open).toHaveBeenLastCalledWith(messages[2]);
  });
});
