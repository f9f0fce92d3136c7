import { describe, expect, it } from "vitest";
import type { Label } from "@surgedesk/shared";
import { createClassifier } from "./classifier.ts";
import { modelArtifactSchema } from "./model-artifact.ts";
import { CANDIDATES, DEFAULT_TRAIN_OPTIONS, ENSEMBLES, trainModel, type TrainingRow } from "./train-pipeline.ts";

/** A tiny corpus: a few paraphrase groups per label, enough for every label to be learned. */
const SEEDS: Record<string, string[]> = {
  order_status: ["where is my order", "when will my package ship", "tracking has not updated", "any update on my order"],
  damaged_item: ["the bottle arrived broken", "it came cracked and leaking", "box was crushed and the lid snapped"],
  praise: ["love this so much", "best purchase ever obsessed", "amazing quality thank you"],
  spam_scam: ["dm me to earn 500 a day", "free followers check my page", "crypto profit message me now"],
  return_refund: ["i want a refund", "how do i return this", "can i exchange it for a refund"],
  other: ["what song is this", "first", "the dog in the background lol"],
};

function rows(): TrainingRow[] {
  const out: TrainingRow[] = [];
  for (const [label, texts] of Object.entries(SEEDS)) {
    texts.forEach((text, g) => {
      const group = `${label}-${g}`;
      for (const variant of [text, `${text} please`, `${text.toUpperCase()}!!!`, `ok so ${text}`]) {
        out.push({ text: variant, label: label as Label, escalation: variant.endsWith("!!!") ? 1 : 0, group });
      }
    });
  }
  return out;
}

describe("trainModel", () => {
  const options = {
    ...DEFAULT_TRAIN_OPTIONS,
    folds: 3,
    repeats: 1,
    candidates: CANDIDATES.filter((c) => c.name.startsWith("logistic") || c.name.startsWith("linear SVM C=0.05, all")),
    ensembles: ENSEMBLES.slice(0, 1),
    corpusSha256: "test",
    corrections: 0,
  };
  const result = trainModel(rows(), options);

  it("produces a valid artifact that records the measured candidates and the choice", () => {
    expect(modelArtifactSchema.safeParse(result.artifact).success).toBe(true);
    expect(result.artifact.selection.candidates.map((c) => c.name)).toContain(result.chosen);
    expect(result.artifact.modelVersion).toMatch(/^classifier-v1\+[0-9a-f]{10}$/);
  });

  it("ranks the obvious label first on unseen phrasings", () => {
    const classifier = createClassifier(result.artifact);
    expect(classifier.classify("hey where is my order??").label).toBe("order_status");
    expect(classifier.classify("mine arrived broken").label).toBe("damaged_item");
    expect(classifier.classify("dm me for free followers").label).toBe("spam_scam");
    const scores = Object.values(classifier.classify("love it").scores);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  });

  it("is deterministic: the same rows give the same artifact", () => {
    const again = trainModel(rows(), options);
    expect(JSON.stringify(again.artifact)).toBe(JSON.stringify(result.artifact));
  });

  it("learns escalation from the labelled rows", () => {
    expect(result.artifact.escalation.weights.exclamations ?? 0).toBeGreaterThan(0);
  });
});
