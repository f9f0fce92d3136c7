import { LABEL_INFO, type EscalationLevel, type Label, type MessageKind, type ModerationRule, type Platform, type RuleAction, type RuleConditions, type RuleCreate, type RuleMode } from "@surgedesk/shared";

/** The yes/no facts a rule can require, as the form names them. */
export const FLAG_CONDITIONS = [
  ["hasLink", "Contains a link"],
  ["hasShortener", "Contains a link shortener (bit.ly, tinyurl…)"],
  ["hasContactDetails", "Gives a phone number, WhatsApp or Telegram"],
  ["firstMessageFromAuthor", "Is the author's first message"],
  ["authorPreviouslyHidden", "Author had a message hidden before, or is muted"],
] as const;
export type FlagCondition = (typeof FLAG_CONDITIONS)[number][0];

/** What the rule form holds while an admin edits it: text as typed, choices as sets. */
export interface RuleDraft {
  name: string;
  labels: Label[];
  /** Percent, as typed ("" for none). */
  minConfidence: string;
  escalationLevels: EscalationLevel[];
  /** One phrase a line (commas also separate). */
  keywords: string;
  flags: FlagCondition[];
  platforms: Platform[];
  kinds: MessageKind[];
  hide: boolean;
  resolve: boolean;
  notify: boolean;
  note: string;
  /** A user id, or "" for no assignment. */
  assignTo: string;
  /** A tag id, or "" for none. */
  tagWith: string;
  /** The priority (escalation level) to set, or "" to leave it. */
  priority: EscalationLevel | "";
  /** Assign round robin among the team's online members (an empty team: every agent and admin). */
  roundRobin: boolean;
  team: string[];
  mode: RuleMode;
  enabled: boolean;
  stopProcessing: boolean;
  /** Conditions the form does not edit (posts, campaigns), kept as they were. */
  kept: Pick<RuleConditions, "postIds" | "campaignIds">;
}

export const EMPTY_DRAFT: RuleDraft = {
  name: "",
  labels: [],
  minConfidence: "",
  escalationLevels: [],
  keywords: "",
  flags: [],
  platforms: [],
  kinds: [],
  hide: false,
  resolve: false,
  notify: false,
  note: "",
  assignTo: "",
  tagWith: "",
  priority: "",
  roundRobin: false,
  team: [],
  mode: "dry_run",
  enabled: true,
  stopProcessing: false,
  kept: {},
};

export function draftOf(rule: ModerationRule): RuleDraft {
  const c = rule.conditions;
  const assign = rule.actions.find((a): a is Extract<RuleAction, { type: "assign" }> => a.type === "assign");
  const notify = rule.actions.find((a): a is Extract<RuleAction, { type: "notify" }> => a.type === "notify");
  const tag = rule.actions.find((a): a is Extract<RuleAction, { type: "tag" }> => a.type === "tag");
  const priority = rule.actions.find((a): a is Extract<RuleAction, { type: "set_priority" }> => a.type === "set_priority");
  const roundRobin = rule.actions.find((a): a is Extract<RuleAction, { type: "assign_round_robin" }> => a.type === "assign_round_robin");
  return {
    name: rule.name,
    labels: c.labels ?? [],
    minConfidence: c.minConfidence === undefined ? "" : String(Math.round(c.minConfidence * 100)),
    escalationLevels: c.escalationLevels ?? [],
    keywords: (c.keywords ?? []).join("\n"),
    flags: FLAG_CONDITIONS.map(([key]) => key).filter((key) => c[key] === true),
    platforms: c.platforms ?? [],
    kinds: c.kinds ?? [],
    hide: rule.actions.some((a) => a.type === "hide"),
    resolve: rule.actions.some((a) => a.type === "resolve"),
    notify: Boolean(notify),
    note: notify?.note ?? "",
    assignTo: assign?.userId ?? "",
    tagWith: tag?.tagId ?? "",
    priority: priority?.level ?? "",
    roundRobin: Boolean(roundRobin),
    team: roundRobin?.userIds ?? [],
    mode: rule.mode,
    enabled: rule.enabled,
    stopProcessing: rule.stopProcessing,
    kept: { ...(c.postIds && { postIds: c.postIds }), ...(c.campaignIds && { campaignIds: c.campaignIds }) },
  };
}

/** The phrases typed, one a line or separated by commas, blanks and repeats dropped. */
export function phrasesOf(text: string): string[] {
  return [...new Set(text.split(/[\n,]/).map((p) => p.trim()).filter((p) => p.length > 0))];
}

export function conditionsOf(draft: RuleDraft): RuleConditions {
  const conditions: RuleConditions = { ...draft.kept };
  if (draft.labels.length > 0) conditions.labels = draft.labels;
  const confidence = draft.minConfidence.trim();
  if (confidence !== "") conditions.minConfidence = Number(confidence) / 100;
  if (draft.escalationLevels.length > 0) conditions.escalationLevels = draft.escalationLevels;
  const phrases = phrasesOf(draft.keywords);
  if (phrases.length > 0) conditions.keywords = phrases;
  for (const flag of draft.flags) conditions[flag] = true;
  if (draft.platforms.length > 0) conditions.platforms = draft.platforms;
  if (draft.kinds.length > 0) conditions.kinds = draft.kinds;
  return conditions;
}

export function actionsOf(draft: RuleDraft): RuleAction[] {
  const actions: RuleAction[] = [];
  if (draft.hide) actions.push({ type: "hide" });
  if (draft.resolve) actions.push({ type: "resolve" });
  if (draft.assignTo) actions.push({ type: "assign", userId: draft.assignTo });
  if (draft.notify) actions.push({ type: "notify", ...(draft.note.trim() && { note: draft.note.trim() }) });
  if (draft.tagWith) actions.push({ type: "tag", tagId: draft.tagWith });
  if (draft.priority) actions.push({ type: "set_priority", level: draft.priority });
  if (draft.roundRobin) actions.push({ type: "assign_round_robin", userIds: draft.team });
  return actions;
}

/** What is wrong with the draft, in words, before the API is asked; empty when it can be saved. */
export function draftProblems(draft: RuleDraft): string[] {
  const problems: string[] = [];
  if (!draft.name.trim()) problems.push("Give the rule a name.");
  const confidence = draft.minConfidence.trim();
  if (confidence !== "" && !(Number(confidence) >= 0 && Number(confidence) <= 100)) problems.push("The minimum confidence is a percentage from 0 to 100.");
  if (Object.keys(conditionsOf(draft)).length === 0) problems.push("Choose at least one condition.");
  if (actionsOf(draft).length === 0) problems.push("Choose at least one action.");
  if (draft.roundRobin && draft.assignTo) problems.push("Assign to one person or round robin, not both.");
  return problems;
}

export function ruleOfDraft(draft: RuleDraft): RuleCreate {
  return {
    name: draft.name.trim(),
    conditions: conditionsOf(draft),
    actions: actionsOf(draft),
    mode: draft.mode,
    enabled: draft.enabled,
    stopProcessing: draft.stopProcessing,
  };
}

const list = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);

/** The rule's conditions as a sentence an agent reads: "Spam or scam (90% sure or more), with a link". */
export function conditionsInWords(c: RuleConditions): string {
  const parts: string[] = [];
  if (c.labels) parts.push(list(c.labels.map((l) => LABEL_INFO[l].title)));
  if (c.minConfidence !== undefined) parts.push(`${Math.round(c.minConfidence * 100)}% sure or more`);
  if (c.escalationLevels) parts.push(`${list(c.escalationLevels)} escalation`);
  if (c.keywords) parts.push(`says ${list(c.keywords.slice(0, 4).map((k) => `“${k}”`))}${c.keywords.length > 4 ? ` (+${c.keywords.length - 4} more)` : ""}`);
  for (const [key, words] of FLAG_CONDITIONS) if (c[key] !== undefined) parts.push(c[key] ? words.toLowerCase() : `not: ${words.toLowerCase()}`);
  if (c.platforms) parts.push(`on ${list(c.platforms.map((p) => (p === "tiktok" ? "TikTok" : "Instagram")))}`);
  if (c.kinds) parts.push(list(c.kinds.map((k) => (k === "dm" ? "DMs" : "comments"))));
  if (c.postIds) parts.push(`on ${c.postIds.length} chosen post${c.postIds.length === 1 ? "" : "s"}`);
  if (c.campaignIds) parts.push(`in ${c.campaignIds.length} campaign${c.campaignIds.length === 1 ? "" : "s"}`);
  return parts.join("; ");
}

export function actionsInWords(actions: readonly RuleAction[], nameOf: (userId: string) => string, tagNameOf: (tagId: string) => string = () => "a tag"): string {
  return actions
    .map((a) => {
      if (a.type === "hide") return "hide on the platform";
      if (a.type === "resolve") return "resolve";
      if (a.type === "assign") return `assign to ${nameOf(a.userId)}`;
      if (a.type === "tag") return `tag “${tagNameOf(a.tagId)}”`;
      if (a.type === "set_priority") return `set ${a.level} priority`;
      if (a.type === "assign_round_robin") return a.userIds.length === 0 ? "assign to the online agent with the fewest open items" : `assign round robin among ${list(a.userIds.map(nameOf))} (online only)`;
      return a.note ? `notify (“${a.note}”)` : "notify";
    })
    .join(", ");
}
