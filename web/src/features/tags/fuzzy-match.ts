/**
 * How well typed text matches a name, for the tag picker: null when the letters do not all
 * appear in order; otherwise lower is better — a match at the start of the name or of a word,
 * and letters close together, rank first ("vb" finds "VIP buyer"; "ship" ranks "Shipping delay"
 * before "Partnership"). Case and accents are ignored.
 */
export function fuzzyScore(query: string, name: string): number | null {
  const q = fold(query.trim());
  if (!q) return 0;
  const n = fold(name);
  const at = n.indexOf(q);
  if (at === 0) return 0;
  if (at > 0) return isWordStart(n, at) ? 1 : 2 + at / 100;
  let score = 10;
  let from = 0;
  let previous = -1;
  for (const char of q) {
    const index = n.indexOf(char, from);
    if (index === -1) return null;
    if (previous >= 0) score += index - previous - 1;
    if (!isWordStart(n, index)) score += 0.5;
    previous = index;
    from = index + 1;
  }
  return score;
}

/** The items whose name matches, best first (ties keep their order). */
export function fuzzyFilter<T>(items: readonly T[], query: string, nameOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, nameOf(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.item);
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const isWordStart = (text: string, index: number) => index === 0 || !/[\p{L}\p{N}]/u.test(text[index - 1]!);
