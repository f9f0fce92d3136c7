import type { ClassificationLanguage, Label } from "@surgedesk/shared";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { newId } from "../lib/ids.ts";
import { testClassifier } from "../testing/test-classifier.ts";

export interface TestComment {
  workspaceId: string;
  accountId: string;
  platform: "instagram" | "tiktok";
  externalId: string;
  text: string;
  kind?: "comment" | "dm";
  parentExternalId?: string | null;
  threadKey?: string;
  authorExternalId?: string;
  authorHandle?: string | null;
  createdAt?: Date;
  /** Overrides the classifier's label and language, so a test fixes what it ranks on. */
  label?: Label;
  language?: ClassificationLanguage;
  postId?: string | null;
}

/**
 * Stores a customer's message as ingestion would (classified by the committed model, entities
 * included), for reply tests that start from a message rather than from a webhook.
 */
export async function insertTestMessage(db: Database, input: TestComment) {
  const classification = testClassifier().classify(input.text);
  if (input.label) classification.label = input.label;
  if (input.language) classification.language = input.language;
  const kind = input.kind ?? "comment";
  const [row] = await db
    .insert(messages)
    .values({
      id: newId("msg"),
      workspaceId: input.workspaceId,
      accountId: input.accountId,
      postId: input.postId ?? null,
      platform: input.platform,
      kind,
      externalId: input.externalId,
      parentExternalId: input.parentExternalId ?? null,
      threadKey: input.threadKey ?? `${input.platform}:${kind}:${input.parentExternalId ?? input.externalId}`,
      authorExternalId: input.authorExternalId ?? "customer-1",
      authorHandle: input.authorHandle === undefined ? "buyer_maya" : input.authorHandle,
      text: input.text,
      createdAt: input.createdAt ?? new Date(),
      label: classification.label,
      labelScore: classification.scores[classification.label] ?? null,
      escalationLevel: classification.escalation.level,
      escalationScore: classification.escalation.score,
      classification,
    })
    .returning();
  return row!;
}
