import type { RuleAction, RuleConditions, RuleMode } from "@surgedesk/shared";
import { linkRules } from "../nlp/link-rules.ts";
import { mentionsMessenger } from "./contact-details.ts";
import { foldText, phraseMatcher } from "./fold-text.ts";
import type { FactNeeds, MessageFacts } from "./message-facts.ts";

/** A rule as stored, the fields evaluation reads. */
export interface StoredRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  mode: RuleMode;
  conditions: RuleConditions;
  actions: RuleAction[];
  stopProcessing: boolean;
}

/** The message's text and links as several conditions read them, worked out once per message. */
export interface PreparedText {
  folded: string;
  hasShortener: boolean;
  hasMessengerLink: boolean;
}

export function prepareText(facts: MessageFacts): PreparedText {
  const fired = linkRules(facts.urls);
  return { folded: foldText(facts.text), hasShortener: fired.includes("shortener"), hasMessengerLink: fired.includes("messaging") };
}

export interface CompiledRule {
  rule: StoredRule;
  needs: FactNeeds;
  matches(facts: MessageFacts, text: () => PreparedText): boolean;
}

/**
 * Turns a rule's conditions into one predicate, built once per rule (the keyword list into one
 * regular expression, lists into sets) so evaluating a batch costs a few comparisons a message.
 * A condition that needs a fact not loaded (null) does not match.
 */
export function compileRule(rule: StoredRule): CompiledRule {
  const c = rule.conditions;
  const checks: ((facts: MessageFacts, text: () => PreparedText) => boolean)[] = [];
  const inSet = <T>(values: readonly T[] | undefined, read: (facts: MessageFacts) => T | null) => {
    if (!values) return;
    const set = new Set<T>(values);
    checks.push((facts) => {
      const value = read(facts);
      return value !== null && set.has(value);
    });
  };
  inSet(c.labels, (f) => f.label);
  if (c.minConfidence !== undefined) {
    const min = c.minConfidence;
    checks.push((f) => f.labelScore !== null && f.labelScore >= min);
  }
  inSet(c.escalationLevels, (f) => f.escalationLevel);
  inSet(c.platforms, (f) => f.platform);
  inSet(c.kinds, (f) => f.kind);
  inSet(c.postIds, (f) => f.postId);
  if (c.campaignIds) {
    const set = new Set(c.campaignIds);
    checks.push((f) => (f.campaignIds ?? []).some((id) => set.has(id)));
  }
  if (c.keywords) {
    const matcher = phraseMatcher(c.keywords);
    checks.push((_, text) => matcher !== null && matcher.test(text().folded));
  }
  if (c.hasLink !== undefined) {
    const want = c.hasLink;
    checks.push((f) => f.urls.length > 0 === want);
  }
  if (c.hasShortener !== undefined) {
    const want = c.hasShortener;
    checks.push((_, text) => text().hasShortener === want);
  }
  if (c.hasContactDetails !== undefined) {
    const want = c.hasContactDetails;
    checks.push((f, text) => (f.phones.length > 0 || text().hasMessengerLink || mentionsMessenger(text().folded)) === want);
  }
  if (c.firstMessageFromAuthor !== undefined) {
    const want = c.firstMessageFromAuthor;
    checks.push((f) => f.firstMessageFromAuthor !== null && f.firstMessageFromAuthor === want);
  }
  if (c.authorPreviouslyHidden !== undefined) {
    const want = c.authorPreviouslyHidden;
    checks.push((f) => f.authorPreviouslyHidden !== null && f.authorPreviouslyHidden === want);
  }
  return {
    rule,
    needs: { history: c.firstMessageFromAuthor !== undefined || c.authorPreviouslyHidden !== undefined, campaigns: c.campaignIds !== undefined },
    matches: (facts, text) => checks.every((check) => check(facts, text)),
  };
}
