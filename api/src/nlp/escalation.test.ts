import { describe, expect, it } from "vitest";
import { detectSignals } from "./escalation-signals.ts";
import { scoreEscalation, type EscalationModel } from "./escalation.ts";
import { chooseThresholds, fitEscalationWeights, withPolicyFloors } from "./train-escalation.ts";

const model: EscalationModel = {
  bias: -3,
  weights: { chargeback_threat: 4, long_wait: 2, exclamations: 1, negative_sentiment: 0 },
  thresholds: { medium: 0.4, high: 0.8 },
};

describe("scoreEscalation", () => {
  it("is low with no signals", () => {
    expect(scoreEscalation(model, [], undefined, "order_status")).toEqual({ score: 0.047, level: "low", reasons: [], signals: [], rule: null });
  });

  it("lists the reasons that added to the score, strongest first", () => {
    const signals = detectSignals({ joined: "been 3 weeks i will dispute the charge", masked: "!!!", sentiment: 0 });
    const result = scoreEscalation(model, signals, undefined, "return_refund");
    expect(result.level).toBe("high");
    expect(result.reasons).toEqual([
      "threatens a chargeback or payment dispute",
      'long wait stated ("3 weeks")',
      'repeated "!!!"',
    ]);
  });

  it("raises the score for repeat contact and many likes", () => {
    const calm = scoreEscalation(model, [], { likes: 0, priorMessagesFromAuthor: 0 }, "order_status");
    const loud = scoreEscalation(model, [], { likes: 50_000, priorMessagesFromAuthor: 3 }, "order_status");
    expect(loud.score).toBeGreaterThan(calm.score);
    expect(loud.level).not.toBe("low");
    expect(loud.reasons).toHaveLength(2);
  });
});

describe("label policy", () => {
  const shouting = detectSignals({ joined: "this is a scam", masked: "OBSESSED WITH THIS!!!", sentiment: 0 });

  it("never escalates spam", () => {
    const result = scoreEscalation(model, shouting, { likes: 10_000 }, "spam_scam");
    expect(result).toMatchObject({ level: "low", reasons: [], rule: "escalation:exempt_spam" });
  });

  it("reads capitals and !!! in praise as excitement, but keeps other signals", () => {
    const result = scoreEscalation({ ...model, weights: { ...model.weights, scam_accusation: 1 } }, shouting, undefined, "praise");
    expect(result.signals).toEqual(["scam_accusation"]);
    expect(result.rule).toBe("escalation:excitement");
  });
});

describe("fitEscalationWeights", () => {
  it("learns non-negative weights that separate the labelled examples", () => {
    const examples = [
      ...Array.from({ length: 30 }, () => ({ signals: ["chargeback_threat" as const], escalate: true })),
      ...Array.from({ length: 30 }, () => ({ signals: [] as const, escalate: false })),
      ...Array.from({ length: 10 }, () => ({ signals: ["all_caps" as const], escalate: false })),
    ];
    const fitted = fitEscalationWeights(examples);
    expect(fitted.weights.chargeback_threat).toBeGreaterThan(2);
    expect(fitted.weights.all_caps).toBeGreaterThanOrEqual(0);
  });

  it("lets every threat escalate on its own, whatever the fit gave it", () => {
    const floored = withPolicyFloors({ bias: -3, weights: { legal_threat: 0.5, long_wait: 1 } }, { medium: 0.3, high: 0.8 });
    const model: EscalationModel = { ...floored, thresholds: { medium: 0.3, high: 0.8 } };
    const alone = scoreEscalation(model, detectSignals({ joined: "talking to my lawyer", masked: "", sentiment: 0 }), undefined, "order_status");
    expect(alone.level).toBe("medium");
    expect(floored.weights.long_wait).toBe(1);
  });

  it("picks a medium threshold that keeps the recall target", () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const gold = [true, true, false, true, false, false, true, false];
    expect(chooseThresholds(scores, gold, 0.75, 0.9).medium).toBe(0.6);
  });
});
