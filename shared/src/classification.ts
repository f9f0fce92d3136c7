import { z } from "zod";
import { escalationLevelSchema, labelSchema } from "./labels.ts";

/**
 * What the comment classifier answers for one message. The one definition of the shape: the
 * classifier library, `POST /api/classify` and the console all read it from here.
 */

export const CLASSIFICATION_LANGUAGES = ["en", "es", "und"] as const;
export const classificationLanguageSchema = z.enum(CLASSIFICATION_LANGUAGES);
export type ClassificationLanguage = z.infer<typeof classificationLanguageSchema>;

/** Facts about the message that are not in its text: how visible it is, how often the author wrote. */
export const classificationContextSchema = z.object({
  likes: z.number().int().min(0).optional(),
  priorMessagesFromAuthor: z.number().int().min(0).optional(),
  /** Earlier messages from the same author with the same text (a bot pasting across posts). */
  sameTextFromAuthor: z.number().int().min(0).optional(),
  /** Earlier messages from the same author that were spam (by the model or an agent). */
  spamFromAuthor: z.number().int().min(0).optional(),
});
export type ClassificationContext = z.infer<typeof classificationContextSchema>;

export const classificationEntitiesSchema = z.object({
  /** Shopify-style order names, normalised to `#1234`. */
  orderNumbers: z.array(z.string()),
  /** TikTok Shop order ids: long all-digit numbers. */
  tiktokOrderIds: z.array(z.string()),
  trackingNumbers: z.array(z.string()),
  /** Promo, discount and creator codes, upper-cased (shops match them case-insensitively). */
  promoCodes: z.array(z.string()),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  urls: z.array(z.string()),
});
export type ClassificationEntities = z.infer<typeof classificationEntitiesSchema>;

export const classificationEscalationSchema = z.object({
  /** 0..1; how urgently a person should look at it. */
  score: z.number().min(0).max(1),
  level: escalationLevelSchema,
  /** Human-readable causes, strongest first; empty when nothing fired. */
  reasons: z.array(z.string()),
});
export type ClassificationEscalation = z.infer<typeof classificationEscalationSchema>;

export const evidenceTokenSchema = z.object({
  /** The feature as the model sees it: a stem, a word form `w:…`, a bigram `a b`, or a `__signal`. */
  token: z.string(),
  /** The label this token pushed toward. */
  label: labelSchema,
  /** Its contribution to that label's score (log-odds units). */
  weight: z.number(),
});
export type EvidenceToken = z.infer<typeof evidenceTokenSchema>;

export const classificationSchema = z.object({
  label: labelSchema,
  /** Calibrated probabilities, one per label, summing to 1. */
  scores: z.record(labelSchema, z.number().min(0).max(1)),
  escalation: classificationEscalationSchema,
  /**
   * The top score is under the model's confidence floor: the label is a guess, and the message
   * belongs in "Needs a label" for a person to decide (older stored classifications lack it).
   */
  needsLabel: z.boolean().default(false),
  /** -1 (very negative) .. 1 (very positive). */
  sentiment: z.number().min(-1).max(1),
  language: classificationLanguageSchema,
  entities: classificationEntitiesSchema,
  evidence: z.object({
    tokens: z.array(evidenceTokenSchema),
    /** Ids of the deterministic rules that fired, e.g. `entity:order_number`, `escalation:long_wait`. */
    rules: z.array(z.string()),
  }),
  modelVersion: z.string(),
}).meta({ id: "Classification" });
export type Classification = z.infer<typeof classificationSchema>;
