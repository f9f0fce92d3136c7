import { describe, expect, it } from "vitest";
import type { RuleConditions } from "@surgedesk/shared";
import { compileRule, type StoredRule } from "./compile-rule.ts";
import type { MessageFacts } from "./message-facts.ts";
import { MUTED_AUTHOR_RULE, planOutcomes } from "./plan-outcomes.ts";

let next = 0;
function facts(overrides: Partial<MessageFacts> = {}): MessageFacts {
  next += 1;
  return {
    id: `msg_${next}`,
    workspaceId: "ws_1",
    platform: "instagram",
    kind: "comment",
    status: "open",
    visibility: "visible",
    text: "is this still in stock?",
    authorHandle: "maya.rose",
    createdAt: new Date("2026-12-06T10:00:00Z"),
    label: "product_question",
    labelScore: 0.9,
    escalationLevel: "low",
    urls: [],
    phones: [],
    postId: "post_1",
    contactId: "contact_1",
    contactMuted: false,
    firstMessageFromAuthor: null,
    authorPreviouslyHidden: null,
    campaignIds: null,
    ...overrides,
  } as MessageFacts;
}

function rule(conditions: RuleConditions, overrides: Partial<StoredRule> = {}): StoredRule {
  next += 1;
  return { id: `rule_${next}`, name: `rule ${next}`, position: next, enabled: true, mode: "live", conditions, actions: [{ type: "resolve" }], stopProcessing: false, ...overrides };
}

const matches = (conditions: RuleConditions, message: MessageFacts) => planOutcomes([compileRule(rule(conditions))], [message]).length > 0;

describe("rule conditions", () => {
  it("keywords match whole words, ignoring case and accents", () => {
    const k = { keywords: ["dm me", "envío gratis", "ganar"] };
    expect(matches(k, facts({ text: "DM me to earn $500/day 🔥" }))).toBe(true);
    expect(matches(k, facts({ text: "dm   ME now" }))).toBe(true);
    expect(matches(k, facts({ text: "admin meeting at 5" }))).toBe(false);
    expect(matches(k, facts({ text: "dm meee" }))).toBe(false);
    expect(matches(k, facts({ text: "¿El ENVIO GRATIS aplica a Canarias?" }))).toBe(true);
    expect(matches(k, facts({ text: "Quiero GANAR dinero" }))).toBe(true);
    // An accented letter is a letter: "ganaré" is another word, not "ganar" plus punctuation.
    expect(matches(k, facts({ text: "ganaré" }))).toBe(false);
    expect(matches({ keywords: ["c++"] }, facts({ text: "I code c++ daily" }))).toBe(true);
  });

  it("label with a minimum confidence, and escalation level", () => {
    const spam = facts({ label: "spam_scam", labelScore: 0.92, escalationLevel: "high" });
    expect(matches({ labels: ["spam_scam"], minConfidence: 0.9 }, spam)).toBe(true);
    expect(matches({ labels: ["spam_scam"], minConfidence: 0.95 }, spam)).toBe(false);
    expect(matches({ labels: ["praise"] }, spam)).toBe(false);
    expect(matches({ minConfidence: 0.5 }, facts({ labelScore: null }))).toBe(false);
    expect(matches({ escalationLevels: ["high", "medium"] }, spam)).toBe(true);
    expect(matches({ escalationLevels: ["low"] }, spam)).toBe(false);
  });

  it("links, link shorteners and off-platform contact details", () => {
    const shortened = facts({ text: "free iphone 👉 bit.ly/3xYz", urls: ["bit.ly/3xYz"] });
    const shop = facts({ text: "is glowbar.com legit?", urls: ["glowbar.com"] });
    expect(matches({ hasLink: true }, shortened)).toBe(true);
    expect(matches({ hasLink: true }, facts())).toBe(false);
    expect(matches({ hasLink: false }, facts())).toBe(true);
    expect(matches({ hasShortener: true }, shortened)).toBe(true);
    expect(matches({ hasShortener: true }, shop)).toBe(false);
    expect(matches({ hasContactDetails: true }, facts({ text: "text me +1 415 555 0199", phones: ["+14155550199"] }))).toBe(true);
    expect(matches({ hasContactDetails: true }, facts({ text: "message me on WhatsApp for the deal" }))).toBe(true);
    expect(matches({ hasContactDetails: true }, facts({ text: "join t.me/cryptoking", urls: ["t.me/cryptoking"] }))).toBe(true);
    expect(matches({ hasContactDetails: true }, facts({ text: "Telegram: @fastprofits" }))).toBe(true);
    expect(matches({ hasContactDetails: true }, facts({ text: "what is your return policy" }))).toBe(false);
  });

  it("author history, platform, kind, post and campaign", () => {
    expect(matches({ firstMessageFromAuthor: true }, facts({ firstMessageFromAuthor: true }))).toBe(true);
    expect(matches({ firstMessageFromAuthor: true }, facts({ firstMessageFromAuthor: false }))).toBe(false);
    // Not loaded is never a match.
    expect(matches({ firstMessageFromAuthor: false }, facts())).toBe(false);
    expect(matches({ authorPreviouslyHidden: true }, facts({ authorPreviouslyHidden: true }))).toBe(true);
    expect(matches({ platforms: ["tiktok"] }, facts())).toBe(false);
    expect(matches({ platforms: ["instagram"], kinds: ["comment"] }, facts())).toBe(true);
    expect(matches({ kinds: ["dm"] }, facts())).toBe(false);
    expect(matches({ postIds: ["post_1", "post_2"] }, facts())).toBe(true);
    expect(matches({ postIds: ["post_2"] }, facts())).toBe(false);
    expect(matches({ campaignIds: ["cmp_1"] }, facts({ campaignIds: ["cmp_1"] }))).toBe(true);
    expect(matches({ campaignIds: ["cmp_1"] }, facts({ campaignIds: [] }))).toBe(false);
    expect(compileRule(rule({ campaignIds: ["cmp_1"] })).needs).toEqual({ history: false, campaigns: true });
    expect(compileRule(rule({ authorPreviouslyHidden: true })).needs).toEqual({ history: true, campaigns: false });
  });

  it("every condition given must hold", () => {
    const conditions = { labels: ["spam_scam" as const], hasLink: true };
    expect(matches(conditions, facts({ label: "spam_scam", urls: ["bit.ly/x"] }))).toBe(true);
    expect(matches(conditions, facts({ label: "spam_scam" }))).toBe(false);
  });
});

describe("rule order", () => {
  it("runs rules in order, stops after a matching rule that says so, and plans a live action once", () => {
    const message = facts({ label: "spam_scam", text: "DM me" });
    const first = rule({ labels: ["spam_scam"] }, { actions: [{ type: "resolve" }, { type: "notify", note: "spam" }] });
    const second = rule({ keywords: ["dm me"] }, { actions: [{ type: "resolve" }, { type: "hide" }], stopProcessing: true });
    const third = rule({ labels: ["spam_scam"] }, { actions: [{ type: "assign", userId: "user_1" }] });
    const planned = planOutcomes([first, second, third].map(compileRule), [message]);
    expect(planned.map((p) => [p.ruleId, p.action.type])).toEqual([
      [first.id, "resolve"],
      [first.id, "notify"],
      // The second rule's resolve was already planned live by the first.
      [second.id, "hide"],
    ]);
  });

  it("plans every dry-run action, to be logged", () => {
    const message = facts({ label: "spam_scam" });
    const dry = rule({ labels: ["spam_scam"] }, { mode: "dry_run", actions: [{ type: "hide" }, { type: "resolve" }] });
    const live = rule({ labels: ["spam_scam"] }, { actions: [{ type: "resolve" }] });
    const planned = planOutcomes([dry, live].map(compileRule), [message]);
    expect(planned.map((p) => [p.mode, p.action.type])).toEqual([
      ["dry_run", "hide"],
      ["dry_run", "resolve"],
      ["live", "resolve"],
    ]);
  });

  it("hides a muted author's comment before any rule, and runs no rule on it; their DMs go through the rules", () => {
    const everything = rule({ platforms: ["instagram"] });
    const comment = facts({ contactMuted: true });
    const dm = facts({ contactMuted: true, kind: "dm" });
    const planned = planOutcomes([compileRule(everything)], [comment, dm]);
    expect(planned.map((p) => [p.facts.id, p.ruleName, p.action.type, p.mode])).toEqual([
      [comment.id, MUTED_AUTHOR_RULE, "hide", "live"],
      [dm.id, everything.name, "resolve", "live"],
    ]);
  });
});
