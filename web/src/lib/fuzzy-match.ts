/** Lower case without accents: "envío" is found by "envio". */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * How well `query` matches `text`, or null for no match: every query character in order
 * (a subsequence), scored higher for consecutive runs and for starting words, so "wism"
 * finds "WISMO: where is my order" before "we sent it, mostly".
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = foldText(query).replace(/\s+/g, "");
  if (!q) return 0;
  const t = foldText(text);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    const at = t.indexOf(char, from);
    if (at === -1) return null;
    score += 1;
    if (at === previous + 1) score += 2;
    // A word's start counts, the text's own start a little more: "ship" finds "Shipping delay"
    // before "Free shipping".
    if (at === 0) score += 4;
    else if (/[^\p{L}\p{N}]/u.test(t[at - 1]!)) score += 3;
    previous = at;
    from = at + 1;
  }
  // A shorter text with the same match is the closer one.
  return score - t.length / 1000;
}

/**
 * The items matching `query` by their name (worth more) or their text, best first: the macro
 * picker (title and body), the tag picker and the @-mention picker (names only).
 */
export function fuzzyFilter<T>(items: readonly T[], query: string, name: (item: T) => string, text: (item: T) => string = () => ""): T[] {
  if (!query.trim()) return [...items];
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const byName = fuzzyScore(query, name(item));
    const byText = fuzzyScore(query, text(item));
    const score = Math.max(byName === null ? -Infinity : byName * 2, byText ?? -Infinity);
    if (score > -Infinity) scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.item);
}
