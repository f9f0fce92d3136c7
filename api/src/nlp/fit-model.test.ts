import { describe, expect, it } from "vitest";
import type { Label } from "@surgedesk/shared";
import { createClassifier } from "./classifier.ts";
import { chooseConfidenceFloor, fitModel } from "./fit-model.ts";
import { modelArtifactSchema } from "./model-artifact.ts";
import { CHOSEN_RECIPE } from "./recipe.ts";
import { capSourceWeights, mayTrainOn, type TrainingRow } from "./training-data.ts";

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
        out.push({ text: variant, label: label as Label, escalation: variant.endsWith("!!!") ? 1 : 0, group, source: "seeds" });
      }
    });
  }
  return out;
}

describe("fitModel", () => {
  const progress: number[] = [];
  const result = fitModel(rows(), { recipe: CHOSEN_RECIPE, dataSha256: "test", corrections: 0, progress: (f) => progress.push(f) });

  it("produces a valid artifact naming its recipe, sources and confidence floor", () => {
    expect(modelArtifactSchema.safeParse(result.artifact).success).toBe(true);
    expect(result.artifact.selection.chosen).toBe(CHOSEN_RECIPE.name);
    expect(result.artifact.trainedOn.sources).toEqual({ seeds: rows().length });
    expect(result.artifact.modelVersion).toMatch(/^classifier-v2\+[0-9a-f]{10}$/);
    expect(result.artifact.confidence.needsLabelBelow).toBeGreaterThanOrEqual(0.3);
  });

  it("reports progress up to done", () => {
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it("ranks the obvious label first on unseen phrasings, misspelled too", () => {
    const classifier = createClassifier(result.artifact);
    expect(classifier.classify("hey where is my order??").label).toBe("order_status");
    expect(classifier.classify("mine arrived broken").label).toBe("damaged_item");
    expect(classifier.classify("dm me for free followers").label).toBe("spam_scam");
    expect(classifier.classify("wheres my ordr").label).toBe("order_status");
    const scores = Object.values(classifier.classify("love it").scores);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  });

  it("is deterministic: the same rows give the same artifact", () => {
    const again = fitModel(rows(), { recipe: CHOSEN_RECIPE, dataSha256: "test", corrections: 0 });
    expect(JSON.stringify(again.artifact)).toBe(JSON.stringify(result.artifact));
  });

  it("learns escalation from the labelled rows", () => {
    expect(result.artifact.escalation.weights.exclamations ?? 0).toBeGreaterThan(0);
  });
});

describe("training data policy", () => {
  it("keeps non-commercial and research-only text out of the shipped model", () => {
    expect(mayTrainOn("CC BY 4.0")).toBe(true);
    expect(mayTrainOn("CC0 1.0 (Kaggle)")).toBe(true);
    expect(mayTrainOn("CC BY-NC-SA 4.0 (CrowdFlower)")).toBe(false);
    expect(mayTrainOn("TweetEval: no added restriction; SemEval task data + Twitter terms apply (research use)")).toBe(false);
  });

  it("caps each source's total weight", () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ source: "big", text: `${i}`, weight: 1 }));
    const weighted = capSourceWeights([...many, { source: "small", text: "x", weight: 1 }], 5);
    expect(weighted.filter((r) => r.source === "big").reduce((a, r) => a + r.weight!, 0)).toBeCloseTo(5);
    expect(weighted.find((r) => r.source === "small")!.weight).toBe(1);
  });
});

describe("chooseConfidenceFloor", () => {
  it("picks the lowest floor at which the confident rows reach the accuracy", () => {
    const scores = [0.95, 0.9, 0.8, 0.6, 0.5, 0.4];
    const correct = [true, true, true, true, false, false];
    expect(chooseConfidenceFloor(scores, correct, 0.9)).toBe(0.51);
    expect(chooseConfidenceFloor(scores, correct.map(() => true), 0.9)).toBe(0.3);
  });
});
