/** Search words beyond this many add little and cost index lookups. */
const MAX_TERMS = 8;

/**
 * What an agent typed, as a `to_tsquery` string that matches every word as a prefix ("refu"
 * finds "refund", as a search box should). Only letters and digits are kept, so nothing the
 * agent types can be read as tsquery syntax. Returns null when no word is left.
 *
 * @example searchTsQuery("Where's my order?") // "where:* & s:* & my:* & order:*"
 */
export function searchTsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, MAX_TERMS) ?? [];
  return words.length > 0 ? words.map((word) => `${word}:*`).join(" & ") : null;
}
