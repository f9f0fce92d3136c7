import { describe, expect, it } from "vitest";
import { binaryFigures, evaluate } from "./metrics.ts";

describe("evaluate", () => {
  it("computes per-label figures, macro-F1 over present labels, and the confusion matrix", () => {
    const result = evaluate(["a", "b", "c"], ["a", "a", "b", "b"], ["a", "b", "b", "c"]);
    expect(result.perLabel.map((l) => [l.label, l.precision, l.recall])).toEqual([
      ["a", 1, 0.5],
      ["b", 0.5, 0.5],
      ["c", 0, 0],
    ]);
    // c has no gold rows: it is left out of the average, but its false positive cost b recall.
    expect(result.macroF1).toBeCloseTo((2 / 3 + 0.5) / 2);
    expect(result.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(result.accuracy).toBe(0.5);
  });
});

describe("binaryFigures", () => {
  it("computes precision and recall", () => {
    expect(binaryFigures([true, true, false, false], [true, false, true, false])).toMatchObject({ precision: 0.5, recall: 0.5 });
  });
});
