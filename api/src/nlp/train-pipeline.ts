import { createHash } from "node:crypto";
import { LABELS, type Label } from "@surgedesk/shared";
import { createAnalyzer, type Analysis } from "./analyzer.ts";
import { fitTemperature } from "./calibration.ts";
import type { TextSignal } from "./escalation-signals.ts";
import { gateSignals } from "./escalation.ts";
import type { FeatureOptions } from "./features.ts";
import { argmax, linearModel, logitsOf } from "./linear-model.ts";
import { evaluate } from "./metrics.ts";
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, packLinear, type ModelArtifact } from "./model-artifact.ts";
import { knownWords } from "./known-words.ts";
import { hashString } from "./random.ts";
import { buildSentimentLexicon, createSentimentScorer, type SentimentScorer } from "./sentiment.ts";
import {
  chooseThresholds,
  escalationScore,
  fitEscalationWeights,
  withPolicyFloors,
  type EscalationExample,
} from "./train-escalation.ts";
import { trainNaiveBayes } from "./train-naive-bayes.ts";
import { DEFAULT_SOFTMAX, trainSoftmax } from "./train-softmax.ts";
import { DEFAULT_SVM, trainSvm, type SvmOptions } from "./train-svm.ts";
import type { Example, TrainedWeights } from "./training-set.ts";

/**
 * Training, from labelled rows to the artifact, with the model chosen by measurement:
 * 1. every candidate (model family × hyper-parameters × feature set) is scored by grouped
 *    k-fold cross-validation on the training rows — grouped, because the corpus marks
 *    paraphrases of one message with one `group`, and splitting a group across folds would
 *    reward memorizing;
 * 2. the best cross-validated macro-F1 wins (ties within 0.002 go to the earlier, simpler entry);
 * 3. its softmax temperature is fitted on its out-of-fold logits;
 * 4. the escalation weights and thresholds are fitted the same way, out of fold;
 * 5. the winner is retrained on all training rows and packed.
 * The test split is never read here; the scripts keep it out.
 */

export interface TrainingRow {
  text: string;
  label: Label;
  /** Absent for corrections, which carry a label only. */
  escalation?: 0 | 1 | undefined;
  /** Paraphrase group; rows without one are their own group. */
  group?: string | undefined;
}

export interface Candidate {
  name: string;
  features: FeatureOptions;
  train(examples: readonly Example[], labelCount: number): TrainedWeights;
}

/**
 * An average of candidates: each member's logits divided by its own out-of-fold temperature,
 * summed. Every member is linear, so the sum is one linear model with summed weights, stored
 * and explained like any other. Members trained on fewer feature kinds simply have no weight
 * for the others.
 */
export interface EnsembleCandidate {
  name: string;
  members: readonly string[];
}

const off = { words: false, bigrams: false, gloss: false, signals: false, cues: false, structure: false };
/** Stems only: the plain bag of words, to show what the rest adds. */
const STEMS_ONLY: FeatureOptions = off;
const RULES_UNIGRAMS: FeatureOptions = { ...off, gloss: true, signals: true, cues: true, structure: true };
const RULES_BIGRAMS: FeatureOptions = { ...RULES_UNIGRAMS, bigrams: true };
const ALL_FEATURES: FeatureOptions = { ...RULES_BIGRAMS, words: true };

const nb = (variant: "multinomial" | "complement", alpha: number) => (e: readonly Example[], L: number) =>
  trainNaiveBayes(e, L, { variant, alpha, minCount: 1 });
const lr = (e: readonly Example[], L: number) => trainSoftmax(e, L, DEFAULT_SOFTMAX);
const svm = (options: Partial<SvmOptions>) => (e: readonly Example[], L: number) => trainSvm(e, L, { ...DEFAULT_SVM, ...options });

/** In order of preference on a tie: cheaper and simpler first. */
export const CANDIDATES: Candidate[] = [
  { name: "multinomial NB α=0.3, stems+bigrams+rules", features: RULES_BIGRAMS, train: nb("multinomial", 0.3) },
  { name: "complement NB α=0.3, stems+bigrams+rules", features: RULES_BIGRAMS, train: nb("complement", 0.3) },
  { name: "logistic regression, stems only", features: STEMS_ONLY, train: lr },
  { name: "logistic regression, stems+rules", features: RULES_UNIGRAMS, train: lr },
  { name: "logistic regression, stems+bigrams+rules", features: RULES_BIGRAMS, train: lr },
  { name: "linear SVM C=0.05, stems only", features: STEMS_ONLY, train: svm({ C: 0.05 }) },
  { name: "linear SVM C=0.05, stems+rules", features: RULES_UNIGRAMS, train: svm({ C: 0.05 }) },
  { name: "linear SVM C=0.05, stems+bigrams+rules", features: RULES_BIGRAMS, train: svm({ C: 0.05 }) },
  { name: "linear SVM C=0.05, all features", features: ALL_FEATURES, train: svm({ C: 0.05 }) },
  { name: "linear SVM C=0.1, all features", features: ALL_FEATURES, train: svm({ C: 0.1 }) },
  { name: "NB-SVM C=0.05, all features", features: ALL_FEATURES, train: svm({ C: 0.05, nbScaling: true }) },
];

export const ENSEMBLES: EnsembleCandidate[] = [
  {
    name: "SVM (all features) + logistic regression (stems+rules)",
    members: ["linear SVM C=0.05, all features", "logistic regression, stems+rules"],
  },
  {
    name: "SVM (all features) + logistic regression (stems+bigrams+rules)",
    members: ["linear SVM C=0.05, all features", "logistic regression, stems+bigrams+rules"],
  },
];

export interface TrainOptions {
  folds: number;
  /** Cross-validation is repeated over this many fold assignments and averaged. */
  repeats: number;
  candidates: readonly Candidate[];
  ensembles: readonly EnsembleCandidate[];
  /** Words seen fewer times do not enter the spelling dictionary. */
  lexiconMinCount: number;
  /** Escalation recall the medium threshold must keep (out of fold). */
  escalationRecall: number;
  /** Precision at which a score counts as "high". */
  highPrecision: number;
  corpusSha256: string;
  corrections: number;
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, "corpusSha256" | "corrections"> = {
  folds: 5,
  repeats: 3,
  candidates: CANDIDATES,
  ensembles: ENSEMBLES,
  lexiconMinCount: 2,
  escalationRecall: 0.93,
  highPrecision: 0.97,
};

export interface CandidateResult {
  name: string;
  cvMacroF1: number;
  trainSeconds: number;
}

export interface TrainResult {
  artifact: ModelArtifact;
  candidates: CandidateResult[];
  chosen: string;
  temperature: number;
  escalationOutOfFold: { scores: number[]; gold: boolean[] };
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function featureKey(options: FeatureOptions): string {
  return JSON.stringify(options);
}

function unionOf(list: readonly FeatureOptions[]): FeatureOptions {
  const out: FeatureOptions = { ...off };
  for (const options of list) for (const key of Object.keys(out) as (keyof FeatureOptions)[]) out[key] ||= options[key];
  return out;
}

export function buildLexicon(words: readonly (readonly string[])[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of words) for (const w of list) if (!w.startsWith("__")) counts.set(w, (counts.get(w) ?? 0) + 1);
  const lexicon = new Map<string, number>();
  // Sorted so that the artifact, and spelling repair's tie-breaks, do not depend on row order.
  for (const [w, n] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) if (n >= minCount) lexicon.set(w, n);
  return lexicon;
}

export function trainModel(rows: readonly TrainingRow[], options: TrainOptions): TrainResult {
  const log = options.log ?? (() => {});
  const labels = [...LABELS];
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const gold = rows.map((r) => labelIndex.get(r.label) as number);
  // One fold assignment per repeat; the first also serves calibration and escalation.
  const foldings = Array.from({ length: options.repeats }, (_, repeat) =>
    rows.map((r, i) => hashString(`${repeat}:${r.group ?? `row:${i}:${r.text}`}`) % options.folds),
  );
  const fold = foldings[0]!;
  const sentimentLexicon = buildSentimentLexicon();
  const sentiment: SentimentScorer = createSentimentScorer(sentimentLexicon);
  const dictionary = knownWords(sentimentLexicon);

  // Words without spelling repair: the raw material of each fold's dictionary.
  const base = createAnalyzer({ features: STEMS_ONLY, lexicon: new Map(), dictionary, sentiment });
  const baseWords = rows.map((r) => base(r.text).words);

  const analysisCache = new Map<string, Analysis[]>();
  const analyses = (features: FeatureOptions, heldOut: number | null, repeat = 0): Analysis[] => {
    const key = `${featureKey(features)}:${repeat}:${heldOut ?? "all"}`;
    let cached = analysisCache.get(key);
    if (cached === undefined) {
      const folding = foldings[repeat]!;
      const lexicon = buildLexicon(
        baseWords.filter((_, i) => heldOut === null || folding[i] !== heldOut),
        options.lexiconMinCount,
      );
      const analyze = createAnalyzer({ features, lexicon, dictionary, sentiment });
      cached = rows.map((r) => analyze(r.text));
      analysisCache.set(key, cached);
    }
    return cached;
  };

  const results: CandidateResult[] = [];
  /** Out-of-fold logits per candidate, one array per repeat. */
  const outOfFold = new Map<string, Float64Array[][]>();
  const temperatures = new Map<string, number>();
  const record = (name: string, logits: Float64Array[][], trainSeconds: number) => {
    const macro = logits.map((z) => evaluate(labels, rows.map((r) => r.label), z.map((x) => labels[argmax(x)]!)).macroF1);
    const cvMacroF1 = macro.reduce((a, b) => a + b, 0) / macro.length;
    results.push({ name, cvMacroF1, trainSeconds });
    outOfFold.set(name, logits);
    temperatures.set(name, fitTemperature(logits.flat(), logits.flatMap(() => gold)));
    log(`  ${cvMacroF1.toFixed(4)}  (${macro.map((m) => m.toFixed(3)).join(" ")})  ${trainSeconds.toFixed(2)}s/fold  ${name}`);
  };

  for (const candidate of options.candidates) {
    const started = performance.now();
    const perRepeat = foldings.map((folding, repeat) => {
      const logits: Float64Array[] = new Array(rows.length);
      for (let k = 0; k < options.folds; k++) {
        const analyzed = analyses(candidate.features, k, repeat);
        const trainExamples: Example[] = [];
        rows.forEach((_, i) => {
          if (folding[i] !== k) trainExamples.push({ features: analyzed[i]!.features, label: gold[i]! });
        });
        const trained = candidate.train(trainExamples, L);
        const model = linearModel(labels, trained.bias, trained.weights, 1);
        rows.forEach((_, i) => {
          if (folding[i] === k) logits[i] = logitsOf(model, analyzed[i]!.features);
        });
      }
      return logits;
    });
    record(candidate.name, perRepeat, (performance.now() - started) / 1000 / (options.folds * options.repeats));
  }
  const byName = new Map(options.candidates.map((c) => [c.name, c]));
  for (const ensemble of options.ensembles) {
    const members = ensemble.members.filter((m) => outOfFold.has(m));
    if (members.length !== ensemble.members.length) continue;
    const perRepeat = foldings.map((_, repeat) =>
      rows.map((_, i) => {
        const z = new Float64Array(L);
        for (const m of members) {
          const t = temperatures.get(m)!;
          outOfFold.get(m)![repeat]![i]!.forEach((x, c) => (z[c]! += x / t));
        }
        return z;
      }),
    );
    const seconds = members.reduce((a, m) => a + (results.find((r) => r.name === m)?.trainSeconds ?? 0), 0);
    record(ensemble.name, perRepeat, seconds);
  }

  let chosenIndex = 0;
  results.forEach((r, i) => {
    if (r.cvMacroF1 > results[chosenIndex]!.cvMacroF1 + 0.002) chosenIndex = i;
  });
  const chosenName = results[chosenIndex]!.name;
  const ensemble = options.ensembles.find((e) => e.name === chosenName);
  const members: Candidate[] = ensemble ? ensemble.members.map((m) => byName.get(m)!) : [byName.get(chosenName)!];
  // The extraction the artifact needs: every feature kind any member uses.
  const features = unionOf(members.map((m) => m.features));
  const temperature = temperatures.get(chosenName)!;
  log(`chosen: ${chosenName} (temperature ${temperature.toFixed(3)})`);

  // Escalation, out of fold, on the rows that carry the label. The label policy (gateSignals)
  // is applied with the label the classifier predicted out of fold, as it will be at run time.
  const chosenLogits = outOfFold.get(chosenName)![0]!;
  const predictedLabel = chosenLogits.map((z) => labels[argmax(z)]!);
  const withEscalation = rows.map((r, i) => i).filter((i) => rows[i]!.escalation !== undefined);
  const escalationExample = (analysis: Analysis, i: number): EscalationExample => ({
    signals: gateSignals(predictedLabel[i]!, analysis.signals).signals.map((s) => s.id as TextSignal),
    escalate: rows[i]!.escalation === 1,
  });
  const oofScores: number[] = [];
  const oofGold: boolean[] = [];
  for (let k = 0; k < options.folds; k++) {
    const analyzed = analyses(features, k);
    const fitted = fitEscalationWeights(withEscalation.filter((i) => fold[i] !== k).map((i) => escalationExample(analyzed[i]!, i)));
    for (const i of withEscalation) {
      if (fold[i] !== k) continue;
      const example = escalationExample(analyzed[i]!, i);
      oofScores.push(escalationScore(fitted, example.signals));
      oofGold.push(example.escalate);
    }
  }
  const thresholds = chooseThresholds(oofScores, oofGold, options.escalationRecall, options.highPrecision);

  // The final model: every training row; an ensemble's members summed at their temperatures.
  const finalAnalyses = analyses(features, null);
  const finalLexicon = buildLexicon(baseWords, options.lexiconMinCount);
  const bias = new Float64Array(L);
  const weights = new Map<string, Float64Array>();
  for (const member of members) {
    const memberAnalyses = analyses(member.features, null);
    const trained = member.train(
      memberAnalyses.map((a, i) => ({ features: a.features, label: gold[i]! })),
      L,
    );
    const scale = ensemble ? 1 / temperatures.get(member.name)! : 1;
    trained.bias.forEach((b, c) => (bias[c]! += b * scale));
    for (const [feature, w] of trained.weights) {
      let row = weights.get(feature);
      if (row === undefined) weights.set(feature, (row = new Float64Array(L)));
      for (let c = 0; c < L; c++) row[c]! += w[c]! * scale;
    }
  }
  const escalationWeights = withPolicyFloors(
    fitEscalationWeights(withEscalation.map((i) => escalationExample(finalAnalyses[i]!, i))),
    thresholds,
  );
  const linear = packLinear(linearModel(labels, bias, weights, temperature));

  const escalation = { ...escalationWeights, thresholds };
  const lexicon = Object.fromEntries(finalLexicon);
  // The version names the behaviour: any change to weights, features, escalation or the
  // lexicons gives a new one; retraining on the same data gives the same one.
  const versionHash = sha256(JSON.stringify([features, linear, escalation, lexicon, sentimentLexicon])).slice(0, 10);

  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    formatVersion: ARTIFACT_FORMAT_VERSION,
    modelVersion: `classifier-v1+${versionHash}`,
    trainedOn: { corpusSha256: options.corpusSha256, rows: rows.length, corrections: options.corrections },
    // Timings stay out of the artifact, so that the same data gives the same file.
    selection: {
      folds: options.folds,
      repeats: options.repeats,
      chosen: chosenName,
      candidates: results.map(({ name, cvMacroF1 }) => ({ name, cvMacroF1: Math.round(cvMacroF1 * 10000) / 10000 })),
    },
    labels,
    features,
    linear,
    escalation,
    lexicon,
    sentiment: sentimentLexicon,
  };
  return { artifact, candidates: results, chosen: chosenName, temperature, escalationOutOfFold: { scores: oofScores, gold: oofGold } };
}
