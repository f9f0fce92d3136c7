import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * natural's package index prints "injected env" lines and loads ./.env into process.env.
 * Importing the classifier, building it and classifying must do neither: checked in a fresh
 * process, since this test runner has already loaded modules.
 */
describe("natural is loaded without side effects", () => {
  it("importing and using the classifier writes nothing to stdout and leaves process.env alone", () => {
    const classifierUrl = new URL("./classifier.ts", import.meta.url).href;
    const partsUrl = new URL("./natural-parts.ts", import.meta.url).href;
    const sentimentUrl = new URL("./sentiment.ts", import.meta.url).href;
    const probe = `
      const before = JSON.stringify(process.env);
      const { createClassifier } = await import(${JSON.stringify(classifierUrl)});
      const parts = await import(${JSON.stringify(partsUrl)});
      const { buildSentimentLexicon } = await import(${JSON.stringify(sentimentUrl)});
      parts.loadBayesClassifier();
      const L = 12;
      const c = createClassifier({
        format: "surgedesk-classifier", formatVersion: 2, modelVersion: "probe",
        trainedOn: { corpusSha256: "", rows: 0, corrections: 0 },
        selection: { folds: 0, repeats: 0, chosen: "", candidates: [] },
        labels: ["order_status","not_received","damaged_item","wrong_or_missing_item","return_refund","cancel_change","payment_issue","promo_confusion","product_question","praise","spam_scam","other"],
        features: { words: true, bigrams: true, gloss: true, signals: true, cues: true, structure: true, chars: true, negation: true },
        linear: { temperature: 1, bias: new Array(L).fill(0), vocabulary: [], weights: [], weightScale: 1000 },
        escalation: { bias: 0, weights: {}, thresholds: { medium: 0.5, high: 0.8 } },
        confidence: { needsLabelBelow: 0.5 },
        lexicon: {},
        sentiment: buildSentimentLexicon(),
      });
      c.classify("where is my order");
      const { createRequire } = await import("node:module");
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      process.stderr.write(JSON.stringify({
        envUnchanged: before === JSON.stringify(process.env),
        naturalIndex: loaded.some((p) => p.endsWith("lib/natural/index.js")),
        dotenv: loaded.some((p) => p.includes("/dotenv/")),
      }));
    `;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe], {
      cwd: fileURLToPath(new URL("../../", import.meta.url)),
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(JSON.parse(result.stderr)).toEqual({ envUnchanged: true, naturalIndex: false, dotenv: false });
  });
});
