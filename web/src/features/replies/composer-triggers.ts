/** What the composer is being asked for at the caret: a macro (`#`) or a colleague to mention (`@`). */
export interface Trigger {
  kind: "macro" | "mention";
  /** Where the `#` or `@` stands: the text from here to the caret is replaced by what is picked. */
  start: number;
  query: string;
}

// A trigger starts a word: "#1042" typed mid-word, or an email's "@", opens nothing.
const MACRO_TRIGGER = /(?:^|\s)#([^\s#]{0,40})$/u;
const MENTION_TRIGGER = /(?:^|\s)@([\p{L}\p{N}._-]{0,40})$/u;

/**
 * The trigger the text before the caret ends in, if any. Mentions only in a note: a reply goes
 * to the buyer, where "@" is their own handle's business.
 */
export function triggerAt(text: string, caret: number, mentions: boolean): Trigger | null {
  const before = text.slice(0, caret);
  const macro = MACRO_TRIGGER.exec(before);
  if (macro) return { kind: "macro", start: caret - macro[1]!.length - 1, query: macro[1]! };
  const mention = mentions ? MENTION_TRIGGER.exec(before) : null;
  if (mention) return { kind: "mention", start: caret - mention[1]!.length - 1, query: mention[1]! };
  return null;
}

/** The text with `[start, end)` replaced by `insert`, and where the caret goes after it. */
export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}
