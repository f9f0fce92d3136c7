import { z } from "zod";
import { escalationLevelSchema, labelSchema } from "./labels.ts";
import { messageKindSchema } from "./message.ts";
import { platformSchema } from "./platform.ts";

/**
 * Moderation rules: the one contract between the rules engine, its routes and the console's
 * Rules page. A rule is written against one inbound message today; every condition reads a
 * fact an item (a conversation) also has — its latest customer message, its author, its post —
 * so rules carry over when items replace single messages.
 */

export const RULE_MODES = ["live", "dry_run"] as const;
export const ruleModeSchema = z.enum(RULE_MODES);
export type RuleMode = z.infer<typeof ruleModeSchema>;

const idList = z.array(z.string().trim().min(1).max(100)).max(100);

/**
 * Every condition given must hold (AND); a list matches any of its entries (OR). An empty
 * object matches every inbound message, which the API refuses for a rule that hides.
 */
export const ruleConditionsSchema = z
  .object({
    /** The case type the model (or an agent) gave, and how sure the model was (0–1). */
    labels: z.array(labelSchema).min(1).max(20).optional(),
    minConfidence: z.number().min(0).max(1).optional(),
    escalationLevels: z.array(escalationLevelSchema).min(1).max(3).optional(),
    /**
     * Words or phrases, any of which matches as whole words, ignoring case and accents:
     * "dm me" matches "DM me!" but not "admin meeting"; "envio" matches "envío".
     */
    keywords: z.array(z.string().trim().min(1).max(100)).min(1).max(100).optional(),
    /** Contains a link at all / a link shortener (bit.ly, tinyurl, linktr.ee…). */
    hasLink: z.boolean().optional(),
    hasShortener: z.boolean().optional(),
    /** A phone number, a WhatsApp or Telegram handle or link: buyers pulled off the platform. */
    hasContactDetails: z.boolean().optional(),
    /** The author's first message to this workspace on this platform. */
    firstMessageFromAuthor: z.boolean().optional(),
    /** One of the author's earlier messages was hidden, or the author is muted. */
    authorPreviouslyHidden: z.boolean().optional(),
    platforms: z.array(platformSchema).min(1).max(5).optional(),
    kinds: z.array(messageKindSchema).min(1).max(2).optional(),
    /** Surgedesk's ids of posts and campaigns. */
    postIds: idList.min(1).optional(),
    campaignIds: idList.min(1).optional(),
  })
  .strict()
  .meta({ id: "RuleConditions" });
export type RuleConditions = z.infer<typeof ruleConditionsSchema>;

/**
 * What a matching rule does. `hide` hides a comment on its platform (a DM has nothing to hide)
 * and, like hiding from the console, resolves it. `notify` is a live notice to open consoles.
 * `set_priority` and `assign_round_robin` change the item like an agent would, undoable alike.
 */
export const ruleActionSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("hide") }),
    z.object({ type: z.literal("resolve") }),
    z.object({ type: z.literal("assign"), userId: z.string().trim().min(1).max(100) }),
    z.object({ type: z.literal("notify"), note: z.string().trim().max(200).optional() }),
    /** Puts one of the workspace's tags on the item (checked when the rule is saved). */
    z.object({ type: z.literal("tag"), tagId: z.string().trim().min(1).max(100) }),
    /** Sets the item's priority: its escalation level, which orders the work queues. */
    z.object({ type: z.literal("set_priority"), level: escalationLevelSchema }),
    /**
     * Assigns to the online member of the team (these users; none listed: every agent and admin)
     * with the fewest open items. "Online" means a console with an open live stream to the API
     * process that handles the message.
     */
    z.object({ type: z.literal("assign_round_robin"), userIds: z.array(z.string().trim().min(1).max(100)).max(100) }),
  ])
  .meta({ id: "RuleAction" });
export type RuleAction = z.infer<typeof ruleActionSchema>;
export type RuleActionType = RuleAction["type"];
export const RULE_ACTION_TYPES = ["hide", "resolve", "assign", "notify", "tag", "set_priority", "assign_round_robin"] as const satisfies readonly RuleActionType[];

const ruleFields = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean(),
  mode: ruleModeSchema,
  conditions: ruleConditionsSchema,
  actions: z.array(ruleActionSchema).min(1).max(10),
  /** When this rule matches, the rules after it are not evaluated for that message. */
  stopProcessing: z.boolean(),
};

const hasCondition = (conditions: RuleConditions) => Object.values(conditions).some((value) => value !== undefined);

/** `POST /api/moderation/rules`: added at the end of the order, dry run unless said otherwise. */
export const ruleCreateSchema = z
  .object({
    ...ruleFields,
    enabled: ruleFields.enabled.default(true),
    mode: ruleFields.mode.default("dry_run"),
    stopProcessing: ruleFields.stopProcessing.default(false),
  })
  .refine((rule) => hasCondition(rule.conditions), { message: "Give the rule at least one condition.", path: ["conditions"] })
  .meta({ id: "RuleCreate" });
export type RuleCreate = z.infer<typeof ruleCreateSchema>;

/** `PATCH /api/moderation/rules/:id`: only the fields given change. */
export const rulePatchSchema = z
  .object(ruleFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "Nothing to change." })
  .refine((patch) => !patch.conditions || hasCondition(patch.conditions), { message: "Give the rule at least one condition.", path: ["conditions"] })
  .meta({ id: "RulePatch" });
export type RulePatch = z.infer<typeof rulePatchSchema>;

export const moderationRuleSchema = z
  .object({
    id: z.string(),
    position: z.number().int(),
    ...ruleFields,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "ModerationRule" });
export type ModerationRule = z.infer<typeof moderationRuleSchema>;

export const ruleListSchema = z.object({ items: z.array(moderationRuleSchema) }).meta({ id: "RuleList" });
export type RuleList = z.infer<typeof ruleListSchema>;

/** `POST /api/moderation/rules/reorder`: every rule's id, in the new order. */
export const ruleReorderSchema = z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(500) }).meta({ id: "RuleReorder" });
export type RuleReorder = z.infer<typeof ruleReorderSchema>;

export const RULE_TEST_DEFAULT_LIMIT = 1_000;
export const RULE_TEST_MAX_LIMIT = 5_000;

/** `POST /api/moderation/rules/test`: a rule's conditions against the latest inbound messages. */
export const ruleTestRequestSchema = z
  .object({
    conditions: ruleConditionsSchema,
    limit: z.number().int().min(1).max(RULE_TEST_MAX_LIMIT).default(RULE_TEST_DEFAULT_LIMIT),
  })
  .meta({ id: "RuleTestRequest" });
export type RuleTestRequest = z.infer<typeof ruleTestRequestSchema>;

export const ruleTestResultSchema = z
  .object({
    /** How many recent inbound messages were read (at most the limit asked). */
    examined: z.number().int(),
    matched: z.number().int(),
    /** Up to 5 of the matches, newest first. */
    examples: z.array(z.object({ id: z.string(), text: z.string(), authorHandle: z.string().nullable(), platform: platformSchema, createdAt: z.string() })),
  })
  .meta({ id: "RuleTestResult" });
export type RuleTestResult = z.infer<typeof ruleTestResultSchema>;

/**
 * One thing a rule did (or, in dry run, would have done) to a message, kept for its undo.
 * `ruleId` is null for the built-in "muted author" check.
 */
export const moderationOutcomeSchema = z
  .object({
    id: z.string(),
    messageId: z.string(),
    ruleId: z.string().nullable(),
    ruleName: z.string(),
    action: z.enum(RULE_ACTION_TYPES),
    mode: ruleModeSchema,
    /** Set when it was not done: the platform refused, or the message was already so. */
    failure: z.string().nullable(),
    createdAt: z.string(),
    undoneAt: z.string().nullable(),
    /** Live, done, not undone, and something an undo can put back. */
    undoable: z.boolean(),
  })
  .meta({ id: "ModerationOutcome" });
export type ModerationOutcome = z.infer<typeof moderationOutcomeSchema>;

export const moderationOutcomeListSchema = z.object({ items: z.array(moderationOutcomeSchema) }).meta({ id: "ModerationOutcomeList" });
export type ModerationOutcomeList = z.infer<typeof moderationOutcomeListSchema>;

/** What undoing a rule's action did; `note` says what could not be put back (a platform without "unhide"). */
export const outcomeUndoResultSchema = z
  .object({ outcome: moderationOutcomeSchema, note: z.string().nullable() })
  .meta({ id: "OutcomeUndoResult" });
export type OutcomeUndoResult = z.infer<typeof outcomeUndoResultSchema>;

/** `POST /api/contacts/:id/mute` and `DELETE …/mute`: the contact's flag as it is now. */
export const contactMuteSchema = z.object({ contactId: z.string(), muted: z.boolean(), mutedAt: z.string().nullable() }).meta({ id: "ContactMute" });
export type ContactMute = z.infer<typeof contactMuteSchema>;
