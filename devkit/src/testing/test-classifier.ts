import { loadClassifier, type Classifier } from "@surgedesk/api/nlp/classifier.ts";

let shared: Classifier | undefined;

/** The committed model, loaded once per test file: the same classifier production runs. */
export function testClassifier(): Classifier {
  shared ??= loadClassifier();
  return shared;
}
