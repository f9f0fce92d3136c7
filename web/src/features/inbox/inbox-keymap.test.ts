import { describe, expect, it } from "vitest";
import { afterClosing, commandFor, cursorIndex, moveFrom } from "./inbox-keymap.ts";

const press = (key: string, modifiers: Partial<{ metaKey: boolean; ctrlKey: boolean; altKey: boolean }> = {}) => ({
  key,
  metaKey: false,
  ctrlKey: false,
  altKey: false,
  ...modifiers,
});
const free = { typing: false, sheetOpen: false };

describe("the inbox keyboard map", () => {
  it("gives each shortcut its command", () => {
    const commands = Object.fromEntries(["j", "k", "x", "e", "a", "l", "r", "/", "?"].map((key) => [key, commandFor(press(key), free)]));
    expect(commands).toEqual({
      j: "next",
      k: "previous",
      x: "toggle",
      e: "close",
      a: "assignToMe",
      l: "label",
      r: "reply",
      "/": "search",
      "?": "shortcuts",
    });
  });

  it("leaves other keys, and the browser's own shortcuts, alone", () => {
    expect(commandFor(press("z"), free)).toBeUndefined();
    expect(commandFor(press("J"), free)).toBeUndefined();
    expect(commandFor(press("constructor"), free)).toBeUndefined();
    expect(commandFor(press("r", { metaKey: true }), free)).toBeUndefined();
    expect(commandFor(press("l", { ctrlKey: true }), free)).toBeUndefined();
    expect(commandFor(press("e", { altKey: true }), free)).toBeUndefined();
  });

  it("is silent while the agent types or a sheet is open", () => {
    expect(commandFor(press("j"), { typing: true, sheetOpen: false })).toBeUndefined();
    expect(commandFor(press("e"), { typing: false, sheetOpen: true })).toBeUndefined();
  });
});

describe("where the keyboard is in the list", () => {
  const items = [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }];

  it("is on the current message, or nowhere before the first press", () => {
    expect(cursorIndex(items, "c", 0)).toBe(2);
    expect(cursorIndex(items, undefined, 0)).toBe(-1);
  });

  it("stands just before where the current message was once it left the list", () => {
    const afterClosingC = [{ id: "a" }, { id: "b" }, { id: "d" }];
    const index = cursorIndex(afterClosingC, "c", 2);
    expect(index).toBe(1);
    expect(moveFrom(afterClosingC, index, "next")).toEqual({ id: "d" });
    // The last one left: j lands on what is now last.
    expect(moveFrom([{ id: "a" }], cursorIndex([{ id: "a" }], "d", 3), "next")).toEqual({ id: "a" });
  });

  it("moves with j and k and holds at the ends", () => {
    expect(moveFrom(items, -1, "next")).toEqual({ id: "a" });
    expect(moveFrom(items, 1, "next")).toEqual({ id: "c" });
    expect(moveFrom(items, 3, "next")).toEqual({ id: "d" });
    expect(moveFrom(items, 2, "previous")).toEqual({ id: "b" });
    expect(moveFrom(items, 0, "previous")).toEqual({ id: "a" });
    expect(moveFrom([], -1, "next")).toBeUndefined();
  });

  it("goes on to the one below after a close, or the one above at the end", () => {
    expect(afterClosing(items, 1)).toEqual({ id: "c" });
    expect(afterClosing(items, 3)).toEqual({ id: "c" });
    expect(afterClosing([{ id: "a" }], 0)).toBeUndefined();
  });
});
