import { CUE_WORDS, EXACT_CUE_WORDS } from "./cues.ts";
import { GLOSS_ES_EN } from "./gloss-es.ts";
import { StopwordsEn, StopwordsEs } from "./natural-parts.ts";
import { SLANG } from "./slang.ts";
import type { SentimentLexicon } from "./sentiment.ts";

/**
 * Words known to be real independently of the training data: natural's English and Spanish
 * stop-word lists, the sentiment lexicons, and the words of our own gloss, cue and slang lists.
 * Spelling repair leaves them alone (a correct word the corpus happens not to contain is not a
 * typo), and elongation repair accepts them as targets.
 */
export function knownWords(sentiment: SentimentLexicon): Set<string> {
  const fold = (w: string) => w.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  const words = new Set<string>();
  const add = (w: string) => {
    if (w !== "" && !w.includes(" ")) words.add(fold(w));
  };
  for (const w of StopwordsEn) add(w);
  for (const w of StopwordsEs) add(w);
  for (const lexicon of [sentiment.shared, sentiment.en, sentiment.es]) for (const w of Object.keys(lexicon)) add(w);
  for (const list of [...Object.values(CUE_WORDS), ...Object.values(EXACT_CUE_WORDS)]) for (const w of list.split(" ")) add(w);
  for (const w of Object.keys(GLOSS_ES_EN)) add(w);
  for (const expansion of Object.values(SLANG)) for (const w of expansion.split(" ")) add(w);
  return words;
}
