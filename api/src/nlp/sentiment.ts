import type { ClassificationLanguage } from "@surgedesk/shared";
import { loadSentimentAnalyzer } from "./natural-parts.ts";

/**
 * Sentiment in -1..1 from natural's AFINN lexicons (English AFINN-165 and its Spanish list),
 * read through natural's `SentimentAnalyzer`.
 *
 * The lexicon is read at training time and stored in the model artifact: requiring natural's
 * analyzer loads every language's vocabulary (~100 ms), which would dominate model load, and a
 * stored lexicon means an upgrade of natural cannot silently change a deployed model's scores.
 *
 * The scoring loop is ours, for three reasons: natural's negation flips every word after a
 * "not" to the end of the text (we flip the next three), it does not know the emoji families
 * `normalize` produces, and the lexicons miss shop words that carry strong feeling ("scam",
 * "estafa", "obsessed").
 */

export type SentimentScorer = (words: readonly string[], language: ClassificationLanguage) => number;

export interface SentimentLexicon {
  /** Our additions (emoji families, shop words); checked first, in any language. */
  shared: Record<string, number>;
  en: Record<string, number>;
  es: Record<string, number>;
  negators: string[];
}

/** Polarity of the emoji family words (see emoji.ts), on AFINN's -5..5 scale. */
const EMOJI_POLARITY: Record<string, number> = {
  emolove: 3,
  emojoy: 2,
  emook: 1,
  emosad: -2,
  emoangry: -3,
  emoshock: -1,
  emobroken: -2,
};

/** Words AFINN lacks or scores mildly, in their normalized (accent-free) form. */
const EXTRA_POLARITY: Record<string, number> = {
  scam: -3,
  scammer: -3,
  scammers: -3,
  scammed: -3,
  ripoff: -3,
  fake: -2,
  stole: -3,
  unacceptable: -3,
  ridiculous: -3,
  useless: -3,
  broken: -2,
  damaged: -2,
  obsessed: 3,
  slay: 2,
  gorgeous: 3,
  perfect: 3,
  estafa: -3,
  estafadores: -3,
  fraude: -3,
  ladrones: -3,
  pesimo: -3,
  pesima: -3,
  horrible: -3,
  enojado: -3,
  enojada: -3,
  molesta: -2,
  molesto: -2,
  roto: -2,
  rota: -2,
  encanta: 3,
  encantan: 3,
  encanto: 3,
  amo: 3,
  hermoso: 3,
  hermosa: 3,
  precioso: 3,
  preciosa: 3,
  lindo: 2,
  linda: 2,
  genial: 3,
  perfecto: 3,
  increible: 3,
};

const BASE_NEGATORS =
  "not no never dont doesnt didnt isnt wasnt arent werent cant couldnt wont wouldnt nothing without hardly nunca jamas ni sin tampoco".split(
    " ",
  );
const NEGATION_WINDOW = 3;

function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

/** Reads natural's AFINN lexicons and negation lists; training time only (see above). */
export function buildSentimentLexicon(): SentimentLexicon {
  const Analyzer = loadSentimentAnalyzer();
  const negators = new Set(BASE_NEGATORS);
  const read = (language: "English" | "Spanish"): Record<string, number> => {
    const analyzer = new Analyzer(language, null, "afinn");
    const out: Record<string, number> = {};
    // Sorted, so the stored lexicon is byte-stable across runs.
    for (const word of Object.keys(analyzer.vocabulary).sort()) {
      const polarity = analyzer.vocabulary[word];
      // Phrases and emoji never reach the scorer as one word (emoji become family words).
      if (typeof polarity === "number" && /^[\p{L}\p{N}'-]+$/u.test(word)) out[fold(word).replace(/'/g, "")] = polarity;
    }
    for (const negation of analyzer.negations) negators.add(fold(negation));
    return out;
  };
  return {
    shared: { ...EMOJI_POLARITY, ...EXTRA_POLARITY },
    en: read("English"),
    es: read("Spanish"),
    negators: [...negators].sort(),
  };
}

export function createSentimentScorer(lexicon: SentimentLexicon): SentimentScorer {
  const shared = new Map(Object.entries(lexicon.shared));
  const english = new Map(Object.entries(lexicon.en));
  const spanish = new Map(Object.entries(lexicon.es));
  const negators = new Set(lexicon.negators);

  return (words, language) => {
    const [first, second] = language === "es" ? [spanish, english] : [english, spanish];
    let sum = 0;
    let negatedUntil = -1;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      if (word === undefined) continue;
      if (negators.has(word)) {
        negatedUntil = i + NEGATION_WINDOW;
        continue;
      }
      const polarity = shared.get(word) ?? first.get(word) ?? second.get(word);
      if (polarity === undefined) continue;
      sum += i <= negatedUntil ? -polarity : polarity;
    }
    // tanh keeps one strong word clearly signed (love: +0.54) and saturates a rant near ±1.
    return Math.round(Math.tanh(sum / 5) * 1000) / 1000;
  };
}
