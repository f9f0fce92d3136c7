import { createHash } from "node:crypto";
import { LABELS } from "@surgedesk/shared";
import { createAnalyzer, type Analysis } from "./analyzer.ts";
import { fitTemperature } from "./calibration.ts";
import type { TextSignal } from "./escalation-signals.ts";
import { gateSignals } from "./escalation.ts";
import { STEMS_ONLY } from "./features.ts";
import { knownWords } from "./known-words.ts";
import { argmax, linearModel, logitsOf, softmax } from "./linear-model.ts";
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, packLinear, type ModelArtifact } from "./model-artifact.ts";
import { hashString } from "./random.ts";
import type { Recipe } from "./recipe.ts";
import { buildSentimentLexicon, createSentimentScorer } from "./sentiment.ts";
import {
  chooseThresholds,
  escalationScore,
  fitEscalationWeights,
  withPolicyFloors,
  type EscalationExample,
} from "./train-escalation.ts";
import { trainSoftmax } from "./train-softmax.ts";
import { trainSvm } from "./train-svm.ts";
import { capSourceWeights, SYNTHETIC_CORPUS_SOURCE, WORKSPACE_CORRECTIONS_SOURCE, type TrainingRow } from "./training-data.ts";
import type { Example, TrainedWeights } from "./training-set.ts";

/**
 * Fits one recipe to labelled rows and packs the artifact the classifier loads. No search:
 * the recipe was chosen offline (recipe.ts). Steps:
 * 1. a calibration split (one row group in five) is held back; each learner is trained on the
 *    rest and its softmax temperature fitted on the held-back logits, then the summed model's
 *    temperature, the "needs a label" confidence floor and the escalation thresholds;
 * 2. every learner is trained again on all rows, and the calibration carried over.
 * Deterministic: the same rows and recipe give the same file and the same `modelVersion`.
 */

export interface FitOptions {
  recipe: Recipe;
  /** sha256 of the training data, recorded in the artifact. */
  dataSha256: string;
  corrections: number;
  /** Spelling repair learns words seen at least this often. */
  lexiconMinCount?: number;
  /** Escalation recall the medium threshold keeps on the calibration split. */
  escalationRecall?: number;
  /** Precision at which a score counts as "high". */
  highPrecision?: number;
  /** Accuracy the labels above the confidence floor must reach on the calibration split. */
  confidentAccuracy?: number;
  /** Candidate scores (from nlp:search) to record in the artifact. */
  selection?: ModelArtifact["selection"];
  log?: (line: string) => void;
  /** Called with 0..1 as the fit advances (the console's progress bar). */
  progress?: (fraction: number) => void;
}

export interface FitResult {
  artifact: ModelArtifact;
  /** Held-back calibration figures, for the trainer's log and the retrain record. */
  calibration: { rows: number; accuracy: number; needsLabelShare: number; escalationRows: number };
}

/**
 * Labels above the confidence floor must be this accurate on the held-back fifth. The fifth
 * comes from the sources the model trains on, where it is right more often than on a new
 * brand's text, so the target is set high: on sources never seen (leave-one-source-out) the
 * floor then sends about a fifth of messages to "Needs a label" (docs/nlp.md).
 */
export const CONFIDENT_ACCURACY = 0.97;

/**
 * The calibration models learn from at most this many of the rows that are not held back (an
 * even, deterministic spread of them). They only set temperatures, the floor and thresholds;
 * past this size those barely move, while fitting them costs as much as the model itself. The
 * shipped model's fit (~12,000 such rows) is unaffected; a 50,000-row retrain takes ~40% less.
 */
export const CALIBRATION_MAX_ROWS = 16_000;

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function buildLexicon(words: readonly (readonly string[])[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const list of words) for (const w of list) if (!w.startsWith("__")) counts.set(w, (counts.get(w) ?? 0) + 1);
  const lexicon = new Map<string, number>();
  // Sorted so that the artifact, and spelling repair's tie-breaks, do not depend on row order.
  for (const [w, n] of [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) if (n >= minCount) lexicon.set(w, n);
  return lexicon;
}

interface Learner {
  train: (examples: readonly Example[], labelCount: number) => TrainedWeights;
  /** Learns from social-comment text only (the corpus and a workspace's corrections). */
  socialOnly: boolean;
}

/** Sources of social-comment text: the synthetic corpus, and what agents corrected. */
export const SOCIAL_SOURCES: ReadonlySet<string> = new Set([SYNTHETIC_CORPUS_SOURCE, WORKSPACE_CORRECTIONS_SOURCE]);

function learnersOf(recipe: Recipe): Learner[] {
  const out: Learner[] = [];
  for (const socialOnly of recipe.socialMembers ? [false, true] : [false]) {
    if (recipe.svm) {
      const options = recipe.svm;
      out.push({ train: (e, L) => trainSvm(e, L, options), socialOnly });
    }
    if (recipe.logistic) {
      const options = recipe.logistic;
      out.push({ train: (e, L) => trainSoftmax(e, L, options), socialOnly });
    }
  }
  if (out.length === 0) throw new Error(`recipe ${recipe.name} has no learner`);
  return out;
}

/** The lowest top score above which labels reach `accuracy` on the given rows (0.3–0.9). */
export function chooseConfidenceFloor(topScores: readonly number[], correct: readonly boolean[], accuracy: number): number {
  for (let percent = 30; percent <= 90; percent++) {
    const t = percent / 100;
    let n = 0;
    let right = 0;
    topScores.forEach((s, i) => {
      if (s >= t) {
        n++;
        if (correct[i]) right++;
      }
    });
    if (n > 0 && right / n >= accuracy) return t;
  }
  return 0.9;
}

export function fitModel(input: readonly TrainingRow[], options: FitOptions): FitResult {
  const log = options.log ?? (() => {});
  const progress = options.progress ?? (() => {});
  const { recipe } = options;
  const corpusWeight = recipe.corpusWeight ?? 1;
  const weighted = corpusWeight === 1 ? input : input.map((r) => (r.source === SYNTHETIC_CORPUS_SOURCE ? { ...r, weight: (r.weight ?? 1) * corpusWeight } : r));
  const rows = capSourceWeights(weighted, recipe.sourceCap, recipe.capByLabel ?? false);
  const labels = [...LABELS];
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const gold = rows.map((r) => labelIndex.get(r.label)!);
  const held = rows.map((r, i) => hashString(`calibration:${r.group ?? `${i}:${r.text}`}`) % 5 === 0);
  const learners = learnersOf(recipe);
  const steps = learners.length * 2 + 2;
  let done = 0;
  const step = () => progress(Math.min(1, ++done / steps));

  const sentimentLexicon = buildSentimentLexicon();
  const sentiment = createSentimentScorer(sentimentLexicon);
  const dictionary = knownWords(sentimentLexicon);
  const lexiconMinCount = options.lexiconMinCount ?? 2;
  // Words before spelling repair: the raw material of the spelling lexicon.
  const plain = createAnalyzer({ features: STEMS_ONLY, lexicon: new Map(), dictionary, sentiment });
  const plainWords = rows.map((r) => plain(r.text).words);
  const analyzeWith = (lexicon: Map<string, number>): Analysis[] => {
    const analyze = createAnalyzer({ features: recipe.features, lexicon, dictionary, sentiment });
    return rows.map((r) => analyze(r.text));
  };

  // 1. Calibration on the held-back fifth (its words are not in the spelling lexicon either).
  const calibrationAnalyses = analyzeWith(buildLexicon(plainWords.filter((_, i) => !held[i]), lexiconMinCount));
  const examples = (analyses: Analysis[], keep: (i: number) => boolean): Example[] => {
    const out: Example[] = [];
    rows.forEach((r, i) => {
      if (keep(i)) out.push({ features: analyses[i]!.features, label: gold[i]!, weight: r.weight ?? 1 });
    });
    return out;
  };
  const heldIndex = rows.map((_, i) => i).filter((i) => held[i]);
  const social = rows.map((r) => SOCIAL_SOURCES.has(r.source));
  const notHeld = rows.length - heldIndex.length;
  const stride = notHeld > CALIBRATION_MAX_ROWS ? notHeld / CALIBRATION_MAX_ROWS : 1;
  // An even spread: one in every `stride` of the rows not held back (all of them when stride is 1).
  const inCalibration = new Array<boolean>(rows.length).fill(false);
  for (let i = 0, k = 0; i < rows.length; i++) if (!held[i]) inCalibration[i] = k++ % stride < 1;
  const memberScales: number[] = [];
  const summed = heldIndex.map(() => new Float64Array(L));
  for (const learner of learners) {
    const trained = learner.train(examples(calibrationAnalyses, (i) => inCalibration[i]! && (!learner.socialOnly || social[i]!)), L);
    const model = linearModel(labels, trained.bias, trained.weights, 1);
    const logits = heldIndex.map((i) => logitsOf(model, calibrationAnalyses[i]!.features));
    const t = fitTemperature(logits, heldIndex.map((i) => gold[i]!));
    const scale = (learners.length > 1 ? 1 / t : 1) * (learner.socialOnly ? (recipe.socialWeight ?? 1) : 1);
    memberScales.push(scale);
    logits.forEach((z, k) => z.forEach((x, c) => (summed[k]![c]! += x * scale)));
    step();
  }
  const temperature = fitTemperature(summed, heldIndex.map((i) => gold[i]!));
  const probabilities = summed.map((z) => softmax(z, temperature));
  const predicted = probabilities.map((p) => argmax(p));
  const correct = predicted.map((p, k) => p === gold[heldIndex[k]!]);
  const accuracyTarget = options.confidentAccuracy ?? CONFIDENT_ACCURACY;
  const needsLabelBelow = chooseConfidenceFloor(
    probabilities.map((p) => Math.max(...p)),
    correct,
    accuracyTarget,
  );
  const calibrationAccuracy = correct.filter(Boolean).length / Math.max(1, correct.length);
  const needsLabelShare = probabilities.filter((p) => Math.max(...p) < needsLabelBelow).length / Math.max(1, probabilities.length);
  log(
    `calibration: ${heldIndex.length} held-back rows, accuracy ${calibrationAccuracy.toFixed(3)}, temperature ${temperature.toFixed(3)}, ` +
      `needs a label below ${needsLabelBelow} (${(needsLabelShare * 100).toFixed(1)}% of rows)`,
  );

  // Escalation: only rows whose escalation label is meaningful. The label policy gates the
  // signals with the gold label, as the classifier's own label gates them at run time.
  const escalationExample = (analysis: Analysis, i: number): EscalationExample => ({
    signals: gateSignals(rows[i]!.label, analysis.signals).signals.map((s) => s.id as TextSignal),
    escalate: rows[i]!.escalation === 1,
  });
  const withEscalation = rows.map((_, i) => i).filter((i) => rows[i]!.escalation !== undefined);
  const calibrationFit = fitEscalationWeights(
    withEscalation.filter((i) => !held[i]).map((i) => escalationExample(calibrationAnalyses[i]!, i)),
  );
  const heldEscalation = withEscalation.filter((i) => held[i]).map((i) => escalationExample(calibrationAnalyses[i]!, i));
  const thresholds = chooseThresholds(
    heldEscalation.map((e) => escalationScore(calibrationFit, e.signals)),
    heldEscalation.map((e) => e.escalate),
    options.escalationRecall ?? 0.93,
    options.highPrecision ?? 0.97,
  );
  step();

  // 2. The final model, on every row.
  const finalLexicon = buildLexicon(plainWords, lexiconMinCount);
  const finalAnalyses = analyzeWith(finalLexicon);
  const bias = new Float64Array(L);
  const weights = new Map<string, Float64Array>();
  learners.forEach((learner, m) => {
    const trained = learner.train(examples(finalAnalyses, (i) => !learner.socialOnly || social[i]!), L);
    const scale = memberScales[m]!;
    trained.bias.forEach((b, c) => (bias[c]! += b * scale));
    for (const [feature, w] of trained.weights) {
      let row = weights.get(feature);
      if (row === undefined) weights.set(feature, (row = new Float64Array(L)));
      for (let c = 0; c < L; c++) row[c]! += w[c]! * scale;
    }
    step();
  });
  const escalationWeights = withPolicyFloors(
    fitEscalationWeights(withEscalation.map((i) => escalationExample(finalAnalyses[i]!, i))),
    thresholds,
  );
  const linear = packLinear(linearModel(labels, bias, weights, temperature));
  const escalation = { ...escalationWeights, thresholds };
  const lexicon = Object.fromEntries(finalLexicon);
  const confidence = { needsLabelBelow };
  const sources: Record<string, number> = {};
  for (const r of rows) sources[r.source] = (sources[r.source] ?? 0) + 1;
  // The version names the behaviour: any change to weights, features, escalation, confidence or
  // the lexicons gives a new one; refitting on the same data gives the same one.
  const versionHash = sha256(JSON.stringify([recipe.features, linear, escalation, confidence, lexicon, sentimentLexicon])).slice(0, 10);
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    formatVersion: ARTIFACT_FORMAT_VERSION,
    modelVersion: `classifier-v2+${versionHash}`,
    trainedOn: { corpusSha256: options.dataSha256, rows: rows.length, corrections: options.corrections, sources },
    selection: options.selection ?? { folds: 0, repeats: 0, chosen: recipe.name, candidates: [] },
    labels,
    features: recipe.features,
    linear,
    escalation,
    confidence,
    lexicon,
    sentiment: sentimentLexicon,
  };
  step();
  return {
    artifact,
    calibration: { rows: heldIndex.length, accuracy: calibrationAccuracy, needsLabelShare, escalationRows: heldEscalation.length },
  };
}
