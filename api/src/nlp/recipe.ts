import { STEMS_ONLY, type FeatureOptions } from "./features.ts";
import { DEFAULT_SOFTMAX, type SoftmaxOptions } from "./train-softmax.ts";
import { DEFAULT_SVM, type SvmOptions } from "./train-svm.ts";

/**
 * How a model is built: which features, which learners, how sources are weighed. Choosing a
 * recipe is slow and done offline (`pnpm nlp:search`, leave-one-source-out over real text);
 * fitting the chosen recipe is fast and done online (`fit-model.ts`: the committed model and
 * every workspace's retrain). The two are kept apart so that a retrain never re-runs the search.
 */
export interface Recipe {
  name: string;
  features: FeatureOptions;
  /** Learners, summed at their own temperatures (each is linear, so the sum is one model). */
  svm?: SvmOptions | undefined;
  logistic?: SoftmaxOptions | undefined;
  /** No source counts as more than this many rows (see training-data.ts). */
  sourceCap: number;
  /** Cap each (source, label) pair at `sourceCap` instead of each source. */
  capByLabel?: boolean | undefined;
  /** The synthetic corpus's rows count this many times (it is the only social-comment text). */
  corpusWeight?: number | undefined;
  /**
   * Also a second SVM + LR that learns from social-comment text alone (the corpus and the
   * workspace's corrections), summed in at its own temperature: the comment idiom real text
   * from banks and reviews does not have.
   */
  socialMembers?: boolean | undefined;
  /** The social-text members' share, relative to their calibrated weight (default 1). */
  socialWeight?: number | undefined;
  /** Whether real public text (train-real.csv, licensed sources) joins the corpus. */
  realText: boolean;
}

const RULES: FeatureOptions = { ...STEMS_ONLY, gloss: true, signals: true, cues: true, structure: true };
const RULES_BIGRAMS: FeatureOptions = { ...RULES, bigrams: true };
const ALL_WORDS: FeatureOptions = { ...RULES_BIGRAMS, words: true };

const svm = (C: number): SvmOptions => ({ ...DEFAULT_SVM, C });
const logistic: SoftmaxOptions = DEFAULT_SOFTMAX;
/** SVM + LR over word features, each source capped at 600 rows per label: the base of the later candidates. */
const CAPPED = { features: ALL_WORDS, svm: svm(0.05), logistic, sourceCap: 600, capByLabel: true, realText: true } as const;

/** The candidates `nlp:search` compares, simplest first (ties go to the earlier entry). */
export const RECIPES: readonly Recipe[] = [
  { name: "previous: SVM + LR, word features, corpus only", features: ALL_WORDS, svm: svm(0.05), logistic, sourceCap: 2500, realText: false },
  { name: "SVM + LR, word features", features: ALL_WORDS, svm: svm(0.05), logistic, sourceCap: 2500, realText: true },
  { name: "SVM, word features", features: ALL_WORDS, svm: svm(0.05), sourceCap: 2500, realText: true },
  { name: "LR, word features", features: ALL_WORDS, logistic, sourceCap: 2500, realText: true },
  { name: "SVM + LR, word features, no source cap", features: ALL_WORDS, svm: svm(0.05), logistic, sourceCap: 1e9, realText: true },
  { name: "SVM + LR, + negation scope", features: { ...ALL_WORDS, negation: true }, svm: svm(0.05), logistic, sourceCap: 2500, realText: true },
  { name: "SVM + LR, + char 3-4-grams", features: { ...ALL_WORDS, chars: true }, svm: svm(0.05), logistic, sourceCap: 2500, realText: true },
  { name: "SVM, + char 3-4-grams", features: { ...ALL_WORDS, chars: true }, svm: svm(0.05), sourceCap: 2500, realText: true },
  { name: "LR, + char 3-4-grams", features: { ...ALL_WORDS, chars: true }, logistic, sourceCap: 2500, realText: true },
  {
    name: "SVM + LR, + char 3-4-grams + negation",
    features: { ...ALL_WORDS, chars: true, negation: true },
    svm: svm(0.05),
    logistic,
    sourceCap: 2500,
    realText: true,
  },
  { name: "SVM C=0.02 + LR, + char 3-4-grams", features: { ...ALL_WORDS, chars: true }, svm: svm(0.02), logistic, sourceCap: 2500, realText: true },
  { name: "SVM + LR, + char 3-4-grams, cap 1000", features: { ...ALL_WORDS, chars: true }, svm: svm(0.05), logistic, sourceCap: 1000, realText: true },
  {
    name: "SVM + LR, + char 3-4-grams, cap 600 per source and label",
    features: { ...ALL_WORDS, chars: true },
    svm: svm(0.05),
    logistic,
    sourceCap: 600,
    capByLabel: true,
    realText: true,
  },
  { name: "SVM + LR, word features, cap 600 per source and label", ...CAPPED },
  { name: "SVM + LR, word features, corpus ×6", features: ALL_WORDS, svm: svm(0.05), logistic, sourceCap: 2500, corpusWeight: 6, realText: true },
  { name: "SVM + LR, word features, corpus ×3", features: ALL_WORDS, svm: svm(0.05), logistic, sourceCap: 2500, corpusWeight: 3, realText: true },
  { name: "SVM + LR, word features, cap 600 per source and label, corpus ×3", ...CAPPED, corpusWeight: 3 },
  { name: "SVM + LR, word features, cap 600 per source and label, + social-text members", ...CAPPED, socialMembers: true },
  { name: "SVM + LR, word features, cap 600 per source and label, + social-text members ×0.5", ...CAPPED, socialMembers: true, socialWeight: 0.5 },
];

/** The recipe of the shipped model and of every workspace's retrain; see docs/nlp.md for why. */
export const CHOSEN_RECIPE: Recipe = recipeNamed("SVM + LR, word features, cap 600 per source and label, + social-text members ×0.5")!;

export function recipeNamed(name: string): Recipe | undefined {
  return RECIPES.find((r) => r.name === name);
}
