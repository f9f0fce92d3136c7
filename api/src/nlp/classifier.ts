import { isAttachmentPlaceholder, LABELS, type Classification, type ClassificationContext, type Label } from "@surgedesk/shared";
import { createAnalyzer, type Analysis } from "./analyzer.ts";
import { scoreEscalation } from "./escalation.ts";
import { score, topContributions } from "./linear-model.ts";
import { spamBoost } from "./spam-evidence.ts";
import { DEFAULT_MODEL_PATH, readArtifact, unpackArtifact, type LoadedModel, type ModelArtifact } from "./model-artifact.ts";

/**
 * The entry point: a trained model artifact in, `classify(text, context?)` out. Everything is
 * synchronous and bounded (input is cut at 4,000 characters and 400 words), so a request can
 * classify inline; nothing here trains, and nothing reads the environment or writes output.
 */

export interface Classifier {
  classify(text: string, context?: ClassificationContext): Classification;
  /** The front half alone (features, entities, signals), for training and diagnostics. */
  analyze(text: string): Analysis;
  readonly modelVersion: string;
  readonly model: LoadedModel;
  /** Top scores under this are "needs a label" (the artifact's calibrated floor). */
  readonly needsLabelBelow: number;
}

/** How many tokens the evidence lists for the chosen label, and for the runner-up. */
const EVIDENCE_FOR_LABEL = 6;
const EVIDENCE_FOR_RUNNER_UP = 3;
/** The runner-up is worth explaining only when it was a real contender. */
const RUNNER_UP_MIN_SCORE = 0.15;

const round4 = (x: number) => Math.round(x * 10000) / 10000;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function createClassifier(artifact: ModelArtifact | LoadedModel): Classifier {
  const model = "artifact" in artifact ? artifact : unpackArtifact(artifact);
  const analyze = createAnalyzer({
    features: model.features,
    lexicon: model.lexicon,
    dictionary: model.dictionary,
    sentiment: model.sentiment,
  });
  const labels = model.linear.labels as readonly Label[];
  const modelVersion = model.artifact.modelVersion;
  const needsLabelBelow = model.artifact.confidence.needsLabelBelow;
  const spamIndex = labels.indexOf("spam_scam");

  const classify = (text: string, context?: ClassificationContext): Classification => {
    const analysis = analyze(text);
    const rules = [...analysis.rules];
    const scores = Object.fromEntries(LABELS.map((l) => [l, 0])) as Record<Label, number>;

    let label: Label;
    const tokens: Classification["evidence"]["tokens"] = [];
    const attachment = isAttachmentPlaceholder(analysis.clean);
    if (analysis.words.length === 0 || attachment) {
      // Nothing to read (empty, only punctuation, only markup, an attachment): no evidence for any issue.
      label = "other";
      scores.other = 1;
      rules.push(attachment ? "rule:attachment" : "rule:no_text");
    } else {
      const boost = spamBoost(analysis.spam, context, analysis.words.length);
      rules.push(...boost.rules);
      const scored = score(model.linear, analysis.features, { label: spamIndex, logOdds: boost.logOdds });
      labels.forEach((l, i) => {
        scores[l] = round4(scored.probabilities[i]!);
      });
      label = labels[scored.best]!;
      for (const c of topContributions(model.linear, scored.present, scored.best, EVIDENCE_FOR_LABEL)) {
        tokens.push({ token: c.feature, label, weight: round3(c.weight) });
      }
      let runnerUp = -1;
      for (let i = 0; i < labels.length; i++) {
        if (i !== scored.best && (runnerUp < 0 || scored.probabilities[i]! > scored.probabilities[runnerUp]!)) runnerUp = i;
      }
      if (runnerUp >= 0 && scored.probabilities[runnerUp]! >= RUNNER_UP_MIN_SCORE) {
        for (const c of topContributions(model.linear, scored.present, runnerUp, EVIDENCE_FOR_RUNNER_UP)) {
          tokens.push({ token: c.feature, label: labels[runnerUp]!, weight: round3(c.weight) });
        }
      }
    }

    const escalation = scoreEscalation(model.escalation, analysis.signals, context, label);
    for (const signal of escalation.signals) rules.push(`escalation:${signal}`);
    if (escalation.rule !== null) rules.push(escalation.rule);

    return {
      label,
      scores,
      needsLabel: scores[label] < needsLabelBelow,
      escalation: { score: escalation.score, level: escalation.level, reasons: escalation.reasons },
      sentiment: analysis.sentiment,
      language: analysis.language,
      entities: analysis.entities,
      evidence: { tokens, rules },
      modelVersion,
    };
  };

  return { classify, analyze, modelVersion, model, needsLabelBelow };
}

/** Reads and unpacks the artifact (default: the committed `api/models/classifier.json`). */
export function loadClassifier(path: string | URL = DEFAULT_MODEL_PATH): Classifier {
  return createClassifier(unpackArtifact(readArtifact(path)));
}
