import { z } from "zod";
import { labelSchema } from "./labels.ts";
import { platformSchema } from "./platform.ts";
import { orderRecordSchema, orderSystemSchema } from "./orders.ts";

/**
 * The reply engine's contract: macros (templates with `{{variables}}`), suggestions filled
 * from a message and its order, and the outbox that sends them. The template renderer lives
 * here too, so the console's live preview and the API fill a macro the same way.
 */

/** Where a macro's text goes: a public comment reply, a private DM, or an internal note. */
export const MACRO_CHANNELS = ["public", "private", "internal"] as const;
export const macroChannelSchema = z.enum(MACRO_CHANNELS);
export type MacroChannel = z.infer<typeof macroChannelSchema>;

export const MACRO_LANGUAGES = ["en", "es"] as const;
export const macroLanguageSchema = z.enum(MACRO_LANGUAGES);
export type MacroLanguage = z.infer<typeof macroLanguageSchema>;

/** The variables a macro may use; anything else in `{{…}}` is refused when the macro is saved. */
export const TEMPLATE_VARIABLES = [
  "customer_name",
  "customer_handle",
  "order_id",
  "platform_order_id",
  "order_status",
  "tracking_url",
  "tracking_number",
  "carrier",
  "eta",
  "order_items",
  "order_total",
  "date",
  "agent_name",
  "product_answer",
] as const;
export const templateVariableSchema = z.enum(TEMPLATE_VARIABLES);
export type TemplateVariable = z.infer<typeof templateVariableSchema>;

export const TEMPLATE_VARIABLE_INFO: Record<TemplateVariable, string> = {
  customer_name: "The customer's name (from the order, else their handle)",
  customer_handle: "The customer's @handle on the platform",
  order_id: "The shop's order number, e.g. #1234",
  platform_order_id: "The TikTok Shop order id",
  order_status: "The order's status in words (being prepared, shipped, delivered, cancelled, refunded)",
  tracking_url: "The carrier's tracking link",
  tracking_number: "The parcel's tracking number",
  carrier: "The carrier (UPS, USPS, …)",
  eta: "Estimated delivery date",
  order_items: "The items ordered, with quantity and variant",
  order_total: "The amount paid",
  date: "Today's date",
  agent_name: "The agent sending the reply",
  product_answer: "The answer to the customer's product question (the agent writes it)",
};

/** `{{ name }}` with optional spaces; names are lower-case words. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g;

export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

export type TemplatePart = { kind: "text"; text: string } | { kind: "variable"; name: string; value: string | null };

export interface RenderedTemplate {
  /** The text with every filled variable in place; missing ones stay as `{{name}}`. */
  text: string;
  parts: TemplatePart[];
  /** Variables with no value (or a blank one), in order of first use: sending is blocked. */
  missing: string[];
}

/** Fills a template. A blank value counts as missing: a reply is never sent with a hole in it. */
export function renderTemplate(template: string, values: Readonly<Record<string, string | null | undefined>>): RenderedTemplate {
  const parts: TemplatePart[] = [];
  const missing: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] ?? "";
    if (match.index > last) parts.push({ kind: "text", text: template.slice(last, match.index) });
    const raw = values[name];
    const value = typeof raw === "string" && raw.trim() !== "" ? raw.trim() : null;
    if (value === null && !missing.includes(name)) missing.push(name);
    parts.push({ kind: "variable", name, value });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ kind: "text", text: template.slice(last) });
  const text = parts.map((p) => (p.kind === "text" ? p.text : (p.value ?? `{{${p.name}}}`))).join("");
  return { text, parts, missing };
}

/** Placeholder names a text still carries (a final reply must carry none). */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] ?? ""))];
}

const templateTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((text) => placeholdersIn(text).every((name) => (TEMPLATE_VARIABLES as readonly string[]).includes(name)), {
    message: `Unknown variable; use one of ${TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(", ")}`,
  });

export const macroSchema = z.object({
  id: z.string(),
  /** Stable name of a seeded macro (`wismo.en`); null for a brand's own. */
  key: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  channel: macroChannelSchema,
  labels: z.array(labelSchema),
  language: macroLanguageSchema,
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
}).meta({ id: "Macro" });
export type Macro = z.infer<typeof macroSchema>;

export const macroInputSchema = z.object({
  title: z.string().trim().min(1).max(120),
  body: templateTextSchema,
  channel: macroChannelSchema,
  labels: z.array(labelSchema).max(12).default([]),
  language: macroLanguageSchema,
});
export type MacroInput = z.infer<typeof macroInputSchema>;
export const macroPatchSchema = macroInputSchema.partial();
export type MacroPatch = z.infer<typeof macroPatchSchema>;

/**
 * How an order lookup ended: `found`; `not_found` (asked, no such order); `error` (a shop could
 * not be asked); `no_reference` (nothing in the message or the buyer's history to look up);
 * `not_configured` (no shop connected).
 */
export const ORDER_LOOKUP_OUTCOMES = ["found", "not_found", "error", "no_reference", "not_configured"] as const;
export const orderLookupOutcomeSchema = z.enum(ORDER_LOOKUP_OUTCOMES);
export type OrderLookupOutcome = z.infer<typeof orderLookupOutcomeSchema>;

/** An order as found: the owning system's record, and every system it was found in. */
export const foundOrderSchema = orderRecordSchema
  .extend({
    /** Where the order was found: one system, or both when a TikTok Shop order is mirrored in Shopify. */
    sources: z.array(orderSystemSchema),
  })
  .meta({ id: "FoundOrder" });
export type FoundOrder = z.infer<typeof foundOrderSchema>;

/** The order a message is about, and the buyer's other orders, from every connected shop. */
export const orderContextSchema = z
  .object({
    outcome: orderLookupOutcomeSchema,
    /** In words an agent reads: how it was found ("by order number #1042"), or why not. */
    reason: z.string().nullable(),
    order: foundOrderSchema.nullable(),
    /** The same buyer's other orders, newest first. */
    otherOrders: z.array(foundOrderSchema),
  })
  .meta({ id: "OrderContext" });
export type OrderContext = z.infer<typeof orderContextSchema>;

export const suggestionSchema = z.object({
  macro: macroSchema,
  score: z.number(),
  /** Why it ranks here: label, language, channel matches. */
  reasons: z.array(z.string()),
  rendered: z.object({
    text: z.string(),
    parts: z.array(
      z.union([
        z.object({ kind: z.literal("text"), text: z.string() }),
        z.object({ kind: z.literal("variable"), name: z.string(), value: z.string().nullable() }),
      ]),
    ),
    missing: z.array(z.string()),
  }),
  /** Set for a public macro whose filled text would reveal personal or order data. */
  piiProblem: z.string().nullable(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

const replyOptionSchema = z.object({ available: z.boolean(), reason: z.string().nullable() });
export type ReplyOption = z.infer<typeof replyOptionSchema>;

export const suggestionsResponseSchema = z.object({
  messageId: z.string(),
  values: z.record(z.string(), z.string().nullable()),
  order: orderContextSchema,
  suggestions: z.array(suggestionSchema),
  /**
   * What to do instead of replying: `hide` for spam and scams (no macro is suggested for them);
   * null when a reply is the answer.
   */
  advice: z.enum(["hide"]).nullable(),
  /** Whether the comment-to-DM move is possible, and if not why (platform rules). */
  commentToDm: z.object({
    available: z.boolean(),
    reason: z.string().nullable(),
    /** Instagram: ack + Private Reply; TikTok: one public reply inviting a DM. */
    mode: z.enum(["private_reply", "public_invite", "none"]),
  }),
  /**
   * What the composer may send now, each with the platform's reason when it may not: a public
   * reply under the comment, a private message (a DM in the conversation, or Instagram's Private
   * Reply to a comment). Checked with the platform's windows and ids, not with a text.
   */
  replyOptions: z.object({ public: replyOptionSchema, private: replyOptionSchema }),
});
export type SuggestionsResponse = z.infer<typeof suggestionsResponseSchema>;
export type ReplyOptions = SuggestionsResponse["replyOptions"];

export const previewRequestSchema = z.object({
  messageId: z.string().min(1),
  body: z.string().max(2000),
  channel: macroChannelSchema,
  values: z.record(z.string(), z.string().max(500)).optional(),
});
export const previewResponseSchema = z.object({
  rendered: suggestionSchema.shape.rendered,
  values: z.record(z.string(), z.string().nullable()),
  piiProblem: z.string().nullable(),
});
export type PreviewResponse = z.infer<typeof previewResponseSchema>;

const finalTextSchema = z.string().trim().min(1, "The reply is empty.").max(2000);

/** `POST /api/replies/:messageId/send`: one reply, public on a comment or private on a DM. */
/**
 * The replies to the message the console has shown the agent (outbox ids). Given, a reply that
 * someone else queued since then stops the send with 409 (the collision guard); omitted (a
 * script), nothing is checked.
 */
const seenReplyIdsSchema = z.array(z.string().min(1).max(80)).max(500).optional();

export const sendReplyRequestSchema = z.object({
  text: finalTextSchema,
  channel: z.enum(["public", "private"]),
  macroId: z.string().nullable().optional(),
  /** Chosen by the console so a double click or a retried request queues one send. */
  idempotencyKey: z.string().min(8).max(120).optional(),
  seenReplyIds: seenReplyIdsSchema,
});
export type SendReplyRequest = z.infer<typeof sendReplyRequestSchema>;

/** `POST /api/replies/:messageId/comment-to-dm`: a public acknowledgement and the private reply. */
export const commentToDmRequestSchema = z.object({
  publicText: finalTextSchema,
  /** Instagram's Private Reply; ignored on TikTok, which has no DM from a comment. */
  privateText: finalTextSchema.optional(),
  publicMacroId: z.string().nullable().optional(),
  privateMacroId: z.string().nullable().optional(),
  idempotencyKey: z.string().min(8).max(120).optional(),
  seenReplyIds: seenReplyIdsSchema,
});
export type CommentToDmRequest = z.infer<typeof commentToDmRequestSchema>;

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export const outboxStatusSchema = z.enum(OUTBOX_STATUSES);
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/** What a row sends: a public reply to a comment, an Instagram Private Reply, or a DM in a conversation. */
export const OUTBOX_KINDS = ["public_reply", "private_reply", "dm"] as const;
export const outboxKindSchema = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof outboxKindSchema>;

/**
 * Whether a sent public reply was seen public on the platform ("sent" is not "seen"): `pending`
 * until the platform shows it public or the verification time runs out, then `visible` or
 * `not_visible` (e.g. TikTok silently hid it as spam). Null where the platform is not followed.
 */
export const REPLY_VISIBILITY_CHECKS = ["pending", "visible", "not_visible"] as const;
export const replyVisibilityCheckSchema = z.enum(REPLY_VISIBILITY_CHECKS);
export type ReplyVisibilityCheck = z.infer<typeof replyVisibilityCheckSchema>;

export const outboxItemSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  platform: platformSchema,
  kind: outboxKindSchema,
  text: z.string(),
  macroId: z.string().nullable(),
  status: outboxStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().datetime().nullable(),
  sentAt: z.string().datetime().nullable(),
  externalId: z.string().nullable(),
  createdAt: z.string().datetime(),
  visibilityCheck: replyVisibilityCheckSchema.nullable(),
  /** The platform's state of a reply that is not visible, in words ("hidden", "never shown public"). */
  platformState: z.string().nullable(),
}).meta({ id: "OutboxItem" });
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const sendResponseSchema = z.object({ items: z.array(outboxItemSchema) });
export type SendResponse = z.infer<typeof sendResponseSchema>;
