import { readFileSync } from "node:fs";
import { z } from "zod";
import { LABELS } from "@surgedesk/shared";
import { TEXT_SIGNALS } from "./escalation-signals.ts";
import type { EscalationModel } from "./escalation.ts";
import type { FeatureOptions } from "./features.ts";
import type { LinearModel } from "./linear-model.ts";
import { knownWords } from "./known-words.ts";
import { createSentimentScorer, type SentimentScorer } from "./sentiment.ts";

/**
 * The trained model as a file: JSON, committed, loaded at start (classifying never trains).
 * Weights are stored as integers in hundredths over a flat array, which keeps the file small
 * and the load a single `JSON.parse` plus one pass to build the lookup map.
 */

export const ARTIFACT_FORMAT = "surgedesk-classifier";
/** 2 added character n-grams, negation scope, per-source row counts and the confidence floor. */
export const ARTIFACT_FORMAT_VERSION = 2;
export const DEFAULT_MODEL_FILE = "classifier.json";
/** `api/models/classifier.json`, from this file's place in api/src/nlp. */
export const DEFAULT_MODEL_PATH = new URL(`../../models/${DEFAULT_MODEL_FILE}`, import.meta.url);

const candidateSchema = z.object({ name: z.string(), cvMacroF1: z.number() });

const textSignalSchema = z.enum(TEXT_SIGNALS);

export const modelArtifactSchema = z.object({
  format: z.literal(ARTIFACT_FORMAT),
  // Version 1 files (the previous model, kept to compare against) still load.
  formatVersion: z.union([z.literal(1), z.literal(ARTIFACT_FORMAT_VERSION)]),
  modelVersion: z.string(),
  trainedOn: z.object({
    corpusSha256: z.string(),
    rows: z.number(),
    corrections: z.number(),
    /** Rows per source (corpus, real-text sources, a workspace's corrections). */
    sources: z.record(z.string(), z.number()).optional(),
  }),
  selection: z.object({
    folds: z.number(),
    repeats: z.number(),
    chosen: z.string(),
    candidates: z.array(candidateSchema),
  }),
  labels: z.array(z.enum(LABELS)),
  features: z.object({
    words: z.boolean(),
    bigrams: z.boolean(),
    gloss: z.boolean(),
    signals: z.boolean(),
    cues: z.boolean(),
    structure: z.boolean(),
    chars: z.boolean().default(false),
    negation: z.boolean().default(false),
  }),
  linear: z.object({
    temperature: z.number().positive(),
    /** Integers; divide by `weightScale`. */
    bias: z.array(z.number()),
    vocabulary: z.array(z.string()),
    /**
     * vocabulary.length × labels.length integers, row-major by feature. Checked for shape and
     * finiteness while unpacking rather than element by element here: zod over 150k numbers
     * would be a third of the load time.
     */
    weights: z.custom<number[]>((value) => Array.isArray(value), "an array of numbers"),
    weightScale: z.number().positive(),
  }),
  escalation: z.object({
    bias: z.number(),
    weights: z.partialRecord(textSignalSchema, z.number()),
    thresholds: z.object({ medium: z.number(), high: z.number() }),
  }),
  /** Below this top score a message goes to "Needs a label" instead of a case-type queue. */
  confidence: z.object({ needsLabelBelow: z.number().min(0).max(1) }).default({ needsLabelBelow: 0 }),
  /** Training words → count, the dictionary for spelling repair. */
  lexicon: z.record(z.string(), z.number()),
  /** The sentiment lexicon the model was built with (natural's AFINN lists plus ours). */
  sentiment: z.object({
    shared: z.record(z.string(), z.number()),
    en: z.record(z.string(), z.number()),
    es: z.record(z.string(), z.number()),
    negators: z.array(z.string()),
  }),
});
export type ModelArtifact = z.infer<typeof modelArtifactSchema>;

export interface LoadedModel {
  artifact: ModelArtifact;
  linear: LinearModel;
  escalation: EscalationModel;
  features: FeatureOptions;
  lexicon: Map<string, number>;
  dictionary: Set<string>;
  sentiment: SentimentScorer;
}

export function readArtifact(path: string | URL = DEFAULT_MODEL_PATH): ModelArtifact {
  return modelArtifactSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export function unpackArtifact(artifact: ModelArtifact): LoadedModel {
  const { linear } = artifact;
  const L = artifact.labels.length;
  const F = linear.vocabulary.length;
  if (linear.bias.length !== L || linear.weights.length !== F * L) {
    throw new Error(`model ${artifact.modelVersion}: weight table does not match its vocabulary and labels`);
  }
  const scale = linear.weightScale;
  const table = new Float64Array(F * L);
  const means = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    let sum = 0;
    for (let c = 0; c < L; c++) {
      const w = linear.weights[f * L + c];
      if (typeof w !== "number" || !Number.isFinite(w)) {
        throw new Error(`model ${artifact.modelVersion}: weight ${f * L + c} is not a finite number`);
      }
      table[f * L + c] = w / scale;
      sum += w / scale;
    }
    means[f] = sum / L;
  }
  const index = new Map<string, number>();
  linear.vocabulary.forEach((feature, f) => index.set(feature, f));
  return {
    artifact,
    linear: {
      labels: artifact.labels,
      bias: Float64Array.from(linear.bias, (b) => b / scale),
      index,
      table,
      means,
      temperature: linear.temperature,
    },
    escalation: artifact.escalation,
    features: artifact.features,
    lexicon: new Map(Object.entries(artifact.lexicon)),
    dictionary: knownWords(artifact.sentiment),
    sentiment: createSentimentScorer(artifact.sentiment),
  };
}

/**
 * Packs weights for storage, in hundredths: finer steps change no prediction measurably (on
 * the corpus and the public set, 99.98% of labels and every probability within 0.01 agree with
 * full precision) and cost a tenth more file. Rows whose every weight rounds to zero are dropped.
 */
export function packLinear(model: LinearModel, scale = 100): ModelArtifact["linear"] {
  const L = model.labels.length;
  const vocabulary: string[] = [];
  const weights: number[] = [];
  for (const [feature, r] of model.index) {
    const packed = Array.from(model.table.subarray(r * L, r * L + L), (w) => Math.round(w * scale));
    if (packed.every((w) => w === 0)) continue;
    vocabulary.push(feature);
    weights.push(...packed);
  }
  return {
    temperature: Math.round(model.temperature * 10000) / 10000,
    bias: Array.from(model.bias, (b) => Math.round(b * scale)),
    vocabulary,
    weights,
    weightScale: scale,
  };
}
