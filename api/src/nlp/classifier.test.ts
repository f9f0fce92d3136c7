import { describe, expect, it } from "vitest";
import { classificationSchema } from "@surgedesk/shared";
import { createClassifier } from "./classifier.ts";
import { fitModel } from "./fit-model.ts";
import { recipeNamed } from "./recipe.ts";
import type { TrainingRow } from "./training-data.ts";

const rows: TrainingRow[] = [
  ...["where is my order", "order not shipped yet", "tracking not moving", "when does my order arrive"].map((text, i) => ({
    text,
    label: "order_status" as const,
    escalation: 0 as const,
    group: `o${i}`,
    source: "test",
  })),
  ...["i love it", "so pretty obsessed", "best thing ever", "amazing quality"].map((text, i) => ({
    text,
    label: "praise" as const,
    escalation: 0 as const,
    group: `p${i}`,
    source: "test",
  })),
  ...["refund me now or chargeback", "this is a scam i want my money back", "refund please", "return and refund"].map((text, i) => ({
    text,
    label: "return_refund" as const,
    escalation: (i < 2 ? 1 : 0) as 0 | 1,
    group: `r${i}`,
    source: "test",
  })),
];

const { artifact } = fitModel(rows, { recipe: recipeNamed("LR, + char 3-4-grams")!, dataSha256: "test", corrections: 0 });
const classifier = createClassifier(artifact);

describe("classify", () => {
  it("returns the full, schema-valid classification", () => {
    const result = classifier.classify("Where is my order #1234?? email me at ana@example.com");
    expect(classificationSchema.parse(result)).toEqual(result);
    expect(result.label).toBe("order_status");
    expect(result.entities.orderNumbers).toEqual(["#1234"]);
    expect(result.entities.emails).toEqual(["ana@example.com"]);
    expect(result.evidence.rules).toEqual(expect.arrayContaining(["entity:order_number", "entity:email"]));
    expect(result.evidence.tokens[0]).toMatchObject({ label: "order_status" });
    expect(result.modelVersion).toBe(artifact.modelVersion);
  });

  it("explains with the tokens that pushed the chosen label", () => {
    const tokens = classifier.classify("I love it so much").evidence.tokens.filter((t) => t.label === "praise");
    expect(tokens.map((t) => t.token)).toContain("love");
    for (const t of tokens) expect(t.weight).toBeGreaterThan(0);
  });

  it("takes context into the escalation: repeat contact and likes", () => {
    const calm = classifier.classify("where is my order");
    const loud = classifier.classify("where is my order", { priorMessagesFromAuthor: 3, likes: 5000 });
    expect(loud.escalation.score).toBeGreaterThan(calm.escalation.score);
    expect(loud.escalation.reasons).toEqual([
      "repeat contact: 3 earlier messages from this author",
      "high visibility: 5,000 likes",
    ]);
  });

  it("reads Spanish", () => {
    expect(classifier.classify("¿dónde está mi pedido? ya van tres semanas").language).toBe("es");
  });
});

describe("bad input", () => {
  const hostile: [string, unknown][] = [
    ["empty", ""],
    ["whitespace", "   \n\t"],
    ["10,000 characters", "where is my order ".repeat(556)],
    ["one 10,000-character word", "a".repeat(10_000)],
    ["only emoji", "😍🔥💯🙏".repeat(40)],
    ["zero-width and RTL", "\u200B\u200D\u202Ewhere\u202C\u2066 is\u2069 my order\uFEFF"],
    ["HTML and script", '<script>alert("x")</script><img src=x onerror=alert(1)><b>refund</b>'],
    ["lone surrogates", "\uD83D order \uDE00"],
    ["not a string", 42],
    ["undefined", undefined],
  ];

  it.each(hostile)("%s classifies without throwing, quickly, into a valid shape", (_name, text) => {
    const started = performance.now();
    const result = classifier.classify(text as string);
    expect(performance.now() - started).toBeLessThan(100);
    expect(classificationSchema.safeParse(result).success).toBe(true);
  });

  it("gives no-text input the label other, with a rule saying why", () => {
    const result = classifier.classify("   ");
    expect(result.label).toBe("other");
    expect(result.evidence.rules).toContain("rule:no_text");
  });

  it("reads an attachment placeholder as no text, keeping what it names", () => {
    for (const text of ["[image]", "[sticker message]", "[1 attachment]", "[order card 576893021845237781]"]) {
      const result = classifier.classify(text);
      expect(result).toMatchObject({ label: "other", needsLabel: false });
      expect(result.evidence.rules).toContain("rule:attachment");
    }
    expect(classifier.classify("[order card 576893021845237781]").entities.tiktokOrderIds).toEqual(["576893021845237781"]);
  });

  it("reads through zero-width characters", () => {
    expect(classifier.classify("wh\u200Bere is my or\u200Bder").label).toBe("order_status");
  });
});
