import { describe, expect, it } from "vitest";
import { classificationSchema } from "@surgedesk/shared";
import { loadClassifier } from "./classifier.ts";
import { DEFAULT_MODEL_PATH, readArtifact } from "./model-artifact.ts";

/** The artifact in api/models is what the server loads: it must load fast and behave. */
describe("the committed model", () => {
  const started = performance.now();
  const classifier = loadClassifier();
  const loadMs = performance.now() - started;

  it("loads quickly and carries its version and training-data hash", () => {
    // The bar is 200 ms; the margin absorbs a busy test machine.
    expect(loadMs).toBeLessThan(1000);
    const artifact = readArtifact(DEFAULT_MODEL_PATH);
    expect(classifier.modelVersion).toBe(artifact.modelVersion);
    expect(artifact.trainedOn.corpusSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads a WISMO message: label, long wait, order number", () => {
    const result = classifier.classify("where is my order #1234 it's been 3 weeks!!!");
    expect(classificationSchema.safeParse(result).success).toBe(true);
    expect(result.label).toBe("order_status");
    expect(result.entities.orderNumbers).toEqual(["#1234"]);
    expect(result.escalation.reasons).toContain('long wait stated ("3 weeks")');
    expect(result.escalation.level).not.toBe("low");
    expect(result.evidence.rules).toEqual(expect.arrayContaining(["entity:order_number", "escalation:long_wait"]));
  });

  it("tells the main case types apart, in English and Spanish", () => {
    const cases: [string, string][] = [
      ["it says delivered but nothing is at my door", "not_received"],
      ["the glass came shattered in the box", "damaged_item"],
      ["i was charged twice for the same order", "payment_issue"],
      ["code SARAH20 is not working at checkout", "promo_confusion"],
      ["obsessed with this, best purchase ever 😍", "praise"],
      ["DM me to earn $500 a day from home 💸", "spam_scam"],
      ["quiero cancelar mi pedido por favor", "cancel_change"],
      ["me llegó roto el vaso", "damaged_item"],
    ];
    for (const [text, label] of cases) expect([text, classifier.classify(text).label]).toEqual([text, label]);
  });

  it("escalates threats and explains why", () => {
    const result = classifier.classify("this is a SCAM, refund me or I'm filing a chargeback");
    expect(result.escalation.level).not.toBe("low");
    expect(result.escalation.reasons).toEqual(
      expect.arrayContaining(["threatens a chargeback or payment dispute", "accuses the shop of a scam or fraud"]),
    );
  });

  it("does not escalate excited praise or spam", () => {
    expect(classifier.classify("OMG I LOVE IT SO MUCH!!!").escalation.level).toBe("low");
    expect(classifier.classify("SCAM ALERT!!! dm me to get your refund back fast 💸").escalation.level).toBe("low");
  });
});
