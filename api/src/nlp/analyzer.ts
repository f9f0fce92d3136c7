import type { ClassificationEntities, ClassificationLanguage } from "@surgedesk/shared";
import { BoundedCache } from "./bounded-cache.ts";
import { extractEntities } from "./entities.ts";
import { detectSignals, type FiredSignal } from "./escalation-signals.ts";
import { buildFeatures, type FeatureOptions } from "./features.ts";
import { detectLanguage } from "./language.ts";
import { linkRules } from "./link-rules.ts";
import { WordTokenizer } from "./natural-parts.ts";
import { normalizeText, normalizeToken } from "./normalize.ts";
import { sanitize } from "./sanitize.ts";
import { detectSpamSignals, type SpamSignal } from "./spam-signals.ts";
import type { SentimentScorer } from "./sentiment.ts";
import { createStemmer } from "./stemmer.ts";
import { createTypoCorrector } from "./typo-corrector.ts";

/**
 * The front half of classification, shared by training and classifying so that both see the
 * same features: sanitize → entities (masked) → normalize → natural's WordTokenizer → per-word
 * slang, elongation and spelling repair (memoized) → language → sentiment → escalation text
 * signals → features.
 */

/** Words past this are not read: a comment is ~30 words, a long DM ~300. */
export const MAX_WORDS = 400;

export interface Analysis {
  /** Sanitized text, case kept. */
  clean: string;
  /** `clean` with entities replaced by placeholder words. */
  masked: string;
  entities: ClassificationEntities;
  /** Normalized words, in order. */
  words: string[];
  language: ClassificationLanguage;
  sentiment: number;
  /** Escalation signals readable from the text alone (no context). */
  signals: FiredSignal[];
  features: string[];
  /** Spam and scam patterns that fired (also in `rules` as `spam:…`). */
  spam: SpamSignal[];
  /** Deterministic rules that fired: `entity:…`, `link:…`, `spam:…`. */
  rules: string[];
}

export interface AnalyzerOptions {
  features: FeatureOptions;
  /** Training words and their counts: the spelling-repair dictionary. Empty disables repair. */
  lexicon: ReadonlyMap<string, number>;
  /** Words that are real whatever the training data says (see known-words.ts). */
  dictionary: ReadonlySet<string>;
  sentiment: SentimentScorer;
}

export type Analyze = (text: unknown) => Analysis;

const MENTION = /(?<![\w@])@[\w.]{1,30}/g;

const ENTITY_RULES: [keyof ClassificationEntities, string][] = [
  ["orderNumbers", "entity:order_number"],
  ["tiktokOrderIds", "entity:tiktok_order_id"],
  ["trackingNumbers", "entity:tracking_number"],
  ["promoCodes", "entity:promo_code"],
  ["emails", "entity:email"],
  ["phones", "entity:phone"],
  ["urls", "entity:url"],
];

export function createAnalyzer(options: AnalyzerOptions): Analyze {
  const tokenizer = new WordTokenizer();
  const stem = createStemmer();
  const corrector = options.lexicon.size > 0 ? createTypoCorrector(options.lexicon, options.dictionary) : null;
  const isKnown = (word: string) => options.lexicon.has(word) || options.dictionary.has(word);
  const wordsOfToken = new BoundedCache<readonly string[]>(200_000);

  const toWords = (token: string): readonly string[] => {
    let words = wordsOfToken.get(token);
    if (words === undefined) {
      words = normalizeToken(token, isKnown).map((word) => corrector?.correct(word) ?? word);
      wordsOfToken.set(token, words);
    }
    return words;
  };

  return (text) => {
    const clean = sanitize(text);
    const { entities, masked } = extractEntities(clean);
    const normalized = normalizeText(masked.includes("@") ? masked.replace(MENTION, " __mention ") : masked);
    const tokens = normalized.length === 0 ? [] : tokenizer.tokenize(normalized);
    const words: string[] = [];
    for (const token of tokens) {
      for (const word of toWords(token)) words.push(word);
      if (words.length >= MAX_WORDS) break;
    }
    const { language } = detectLanguage(words, clean);
    const sentiment = options.sentiment(words, language);
    const signals = detectSignals({ joined: words.join(" "), masked, sentiment });

    const rules: string[] = [];
    for (const [kind, rule] of ENTITY_RULES) if (entities[kind].length > 0) rules.push(rule);
    for (const link of linkRules(entities.urls)) rules.push(`link:${link}`);
    const spam = detectSpamSignals(masked);
    for (const id of spam) rules.push(`spam:${id}`);

    const features = buildFeatures({ words, language, sentiment, masked, signals, rules, stem }, options.features);
    return { clean, masked, entities, words, language, sentiment, signals, spam, features, rules };
  };
}
