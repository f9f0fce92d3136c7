import type { Classification, ClassificationContext } from "@surgedesk/shared";

/** What ingestion needs of the classifier: the library's `Classifier` satisfies it. */
export interface MessageClassifier {
  classify(text: string, context?: ClassificationContext): Classification;
  readonly modelVersion: string;
}
