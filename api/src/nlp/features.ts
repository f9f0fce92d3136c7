import type { ClassificationLanguage } from "@surgedesk/shared";
import type { FiredSignal } from "./escalation-signals.ts";
import { cueOf, PROBLEM_CUES } from "./cues.ts";
import { GLOSS_ES_EN } from "./gloss-es.ts";
import { NGrams, PorterStemmer } from "./natural-parts.ts";
import type { Stem } from "./stemmer.ts";

/**
 * Words → the set of features the model weighs. Presence, not counts: comments are short and a
 * repeated word ("where where where") is emphasis, not more evidence.
 * - stems (natural's Porter, English or Spanish);
 * - optionally the word forms too (`w:ordered`): stemming merges "ordered" into "order",
 *   and the tense sometimes matters;
 * - bigrams of stems (natural's NGrams), which carry what single words cannot: "where is"
 *   vs "is where", "not working", "never arrived";
 * - for Spanish shop words, the English stem too (see gloss-es.ts);
 * - `__cue_<concept>` for words naming a support concept (see cues.ts), and
 *   `__praise_with_problem` when praise words meet a problem concept ("love how it came
 *   shattered"): a linear model cannot see that combination on its own;
 * - structure: the first content word (`__first_does`: questions and requests announce
 *   themselves there), `__asks` when it is an interrogative or auxiliary, and the sentiment's
 *   sign when it is clear (`__positive`, `__negative`);
 * - `__signal` words for rules that fired: entities (`__ordernum` comes from the masked text),
 *   link patterns, escalation text signals, a question mark, very short text, Spanish.
 * Which of these are on is part of the model (`FeatureOptions`), chosen by measurement.
 */

export interface FeatureOptions {
  /** Word forms as written (after normalization), beside their stems: `w:ordered`. */
  words: boolean;
  bigrams: boolean;
  gloss: boolean;
  signals: boolean;
  cues: boolean;
  structure: boolean;
  /**
   * Character n-grams (3 and 4 letters, with word boundaries) of each word: `c:#ref`, `c:und#`.
   * Misspellings, run-together words and unseen inflections still share most of their
   * n-grams with the words the model knows.
   */
  chars: boolean;
  /** Words within three of a negator also emit `not:<stem>`: "not working" ≠ "working". */
  negation: boolean;
}

/** Every switch off: stems alone (the plain bag of words, and the spelling pass's input). */
export const STEMS_ONLY: FeatureOptions = {
  words: false,
  bigrams: false,
  gloss: false,
  signals: false,
  cues: false,
  structure: false,
  chars: false,
  negation: false,
};

export interface FeatureInput {
  words: readonly string[];
  language: ClassificationLanguage;
  sentiment: number;
  masked: string;
  signals: readonly FiredSignal[];
  rules: readonly string[];
  stem: Stem;
}

/** Openers that carry no intent ("hi", "ok so", "yo"), skipped when looking for the first word. */
const OPENERS = new Set("hi hey hello hola holis buenas ok okay so um yo oigan bro girl ngl lol laugh risa please".split(" "));
const INTERROGATIVES = new Set(
  (
    "does do is are can could will would how what where when which who why whats wheres hows " +
    "cuanto cuanta cuantos cuantas donde que como tienen hay cual cuando puedo pueden se aceptan hacen"
  ).split(" "),
);
const CLEAR_SENTIMENT = 0.3;
const NEGATORS = new Set(
  "not no never dont didnt doesnt isnt wasnt arent werent cant cannot couldnt wont wouldnt havent hasnt hadnt nothing nobody nunca nada nadie ni".split(" "),
);
const NEGATION_WINDOW = 3;
const CHAR_GRAM_SIZES = [3, 4] as const;
const charGramCache = new Map<string, readonly string[]>();

/** The word's character n-grams, memoized (a bounded set of words in practice; cleared if not). */
function charGrams(word: string): readonly string[] {
  let grams = charGramCache.get(word);
  if (grams === undefined) {
    const padded = `#${word}#`;
    const out: string[] = [];
    for (const n of CHAR_GRAM_SIZES) for (let i = 0; i + n <= padded.length; i++) out.push(`c:${padded.slice(i, i + n)}`);
    grams = out;
    if (charGramCache.size > 200_000) charGramCache.clear();
    charGramCache.set(word, grams);
  }
  return grams;
}

const glossStems = new Map(Object.entries(GLOSS_ES_EN).map(([es, en]) => [es, PorterStemmer.stem(en)]));

export function buildFeatures(input: FeatureInput, options: FeatureOptions): string[] {
  const { words, language, stem } = input;
  const out = new Set<string>();
  const stems: string[] = [];
  let praise = false;
  let problem = false;
  let negatedUntil = -1;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const s = stem(word, language);
    stems.push(s);
    out.add(s);
    if (options.negation) {
      if (NEGATORS.has(word)) negatedUntil = i + NEGATION_WINDOW;
      else if (i <= negatedUntil && !word.startsWith("__")) out.add(`not:${s}`);
    }
    if (options.chars && word.length >= 3 && !word.startsWith("__") && !word.startsWith("emo")) {
      for (const gram of charGrams(word)) out.add(gram);
    }
    if (options.words && word !== s && !word.startsWith("__")) out.add(`w:${word}`);
    if (options.gloss) {
      const english = glossStems.get(word);
      if (english !== undefined) out.add(english);
    }
    if (options.cues) {
      const cue = cueOf(word, s);
      if (cue !== undefined) {
        out.add(`__cue_${cue}`);
        if (cue === "praise" || cue === "emoji_positive") praise = true;
        else if (PROBLEM_CUES.has(cue)) problem = true;
      }
    }
  }
  if (praise && problem) out.add("__praise_with_problem");
  if (options.structure) {
    const first = words.find((w) => !OPENERS.has(w) && !w.startsWith("__") && !w.startsWith("emo"));
    if (first !== undefined) {
      out.add(`__first_${first}`);
      if (INTERROGATIVES.has(first)) out.add("__asks");
    }
    if (input.sentiment >= CLEAR_SENTIMENT) out.add("__positive");
    else if (input.sentiment <= -CLEAR_SENTIMENT) out.add("__negative");
  }
  if (options.bigrams && stems.length > 1) {
    for (const [a, b] of NGrams.bigrams(stems)) out.add(`${a} ${b}`);
  }
  if (options.signals) {
    if (input.masked.includes("?") || input.masked.includes("¿")) out.add("__question");
    if (words.length <= 2) out.add(words.length === 0 ? "__empty" : "__short");
    if (language === "es") out.add("__lang_es");
    for (const signal of input.signals) out.add(`__${signal.id}`);
    for (const rule of input.rules) if (rule.startsWith("link:") || rule.startsWith("spam:")) out.add(`__${rule.replace(":", "_")}`);
  }
  return [...out];
}
