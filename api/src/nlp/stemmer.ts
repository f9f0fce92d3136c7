import type { ClassificationLanguage } from "@surgedesk/shared";
import { BoundedCache } from "./bounded-cache.ts";
import { PorterStemmer, PorterStemmerEs } from "./natural-parts.ts";

/**
 * natural's Porter stemmers, English or Spanish by the message's language, memoized: stemming
 * is the slowest step per word (~18k texts/s unmemoized, ~400k/s with the memo).
 * Placeholders (`__url`) and family words pass through; numbers become `__num`, since the
 * value of "3" or "2024" says nothing about the label (the wait rule reads them separately).
 */
export type Stem = (word: string, language: ClassificationLanguage) => string;

const NUMBER = /^\d+$/;

export function createStemmer(maxEntries = 200_000): Stem {
  const english = new BoundedCache<string>(maxEntries);
  const spanish = new BoundedCache<string>(maxEntries);
  return (word, language) => {
    if (word.startsWith("__")) return word;
    if (NUMBER.test(word)) return "__num";
    const cache = language === "es" ? spanish : english;
    let stem = cache.get(word);
    if (stem === undefined) {
      stem = language === "es" ? PorterStemmerEs.stem(word) : PorterStemmer.stem(word);
      cache.set(word, stem);
    }
    return stem;
  };
}
