import type { Classification, ClassificationContext } from "@surgedesk/shared";

/** What ingestion needs of the classifier: the library's `Classifier` satisfies it. */
export interface MessageClassifier {
  classify(text: string, context?: ClassificationContext): Classification;
  readonly modelVersion: string;
}

/** Which classifier reads a workspace's messages (its own model, or the shipped one). */
export interface ClassifierForWorkspace {
  forWorkspace(workspaceId: string): MessageClassifier;
}

/** One classifier for every workspace: scripts and tests that need no workspace models. */
export function sameClassifierForAll(classifier: MessageClassifier): ClassifierForWorkspace {
  return { forWorkspace: () => classifier };
}
