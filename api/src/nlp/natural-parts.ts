import { createRequire } from "node:module";

/**
 * The parts of `natural` the classifier uses, loaded one file at a time.
 *
 * Why not `import natural from "natural"`: the package index pulls in every storage back-end
 * (mongoose, redis, pg, memcached), calls `dotenv.config()` — which prints to stdout and reads
 * ./.env into process.env — and costs about a second and 115 MB. Requiring the individual
 * files avoids all of that; `natural-parts.test.ts` guards it.
 *
 * The deep files ship without type declarations, so each handle is typed here with only the
 * members this code calls.
 */

const require = createRequire(import.meta.url);
const LIB = "natural/lib/natural";

export interface NaturalStemmer {
  stem(token: string): string;
}

export interface NaturalTokenizer {
  tokenize(text: string): string[];
}

interface RegexpTokenizerModule {
  WordTokenizer: new () => NaturalTokenizer;
}

export interface NaturalSentimentAnalyzer {
  /** Sum of word polarities divided by the number of words. */
  getSentiment(words: string[]): number;
  /** The lexicon, word → polarity (AFINN: -5..5); emoji are entries too. */
  vocabulary: Record<string, number>;
  negations: string[];
}

type SentimentAnalyzerCtor = new (
  language: "English" | "Spanish",
  stemmer: NaturalStemmer | null,
  type: "afinn",
) => NaturalSentimentAnalyzer;

export interface NaturalBayesClassifier {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
  getClassifications(text: string): { label: string; value: number }[];
}

type BayesClassifierCtor = new (stemmer?: NaturalStemmer, smoothing?: number) => NaturalBayesClassifier;

interface NGramsModule {
  bigrams(sequence: string[]): string[][];
}

export const PorterStemmer = require(`${LIB}/stemmers/porter_stemmer`) as NaturalStemmer;
export const PorterStemmerEs = require(`${LIB}/stemmers/porter_stemmer_es`) as NaturalStemmer;
export const WordTokenizer = (require(`${LIB}/tokenizers/regexp_tokenizer`) as RegexpTokenizerModule).WordTokenizer;
export const NGrams = require(`${LIB}/ngrams/ngrams`) as NGramsModule;
export const StopwordsEn = (require(`${LIB}/util/stopwords`) as { words: string[] }).words;
export const StopwordsEs = (require(`${LIB}/util/stopwords_es`) as { words: string[] }).words;

/** Training time only: the analyzer module reads every language's lexicon (~100 ms); see sentiment.ts. */
export function loadSentimentAnalyzer(): SentimentAnalyzerCtor {
  return require(`${LIB}/sentiment/SentimentAnalyzer`) as SentimentAnalyzerCtor;
}

/** Only the baseline comparison needs natural's own classifier. */
export function loadBayesClassifier(): BayesClassifierCtor {
  return require(`${LIB}/classifiers/bayes_classifier`) as BayesClassifierCtor;
}
