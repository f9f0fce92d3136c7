import type { RuleAction, RuleMode } from "@surgedesk/shared";
import { prepareText, type CompiledRule, type PreparedText } from "./compile-rule.ts";
import type { MessageFacts } from "./message-facts.ts";

/** One action a rule decided on for one message, not yet done. */
export interface PlannedOutcome {
  facts: MessageFacts;
  ruleId: string | null;
  ruleName: string;
  action: RuleAction;
  mode: RuleMode;
}

/** The built-in first check's name, as the item's moderation history shows it. */
export const MUTED_AUTHOR_RULE = "Muted author";

/**
 * Runs the rules over a batch's messages, in order: the built-in check for muted authors
 * first (their comments are hidden, and no other rule runs), then each enabled rule until one
 * that matched says stop. A live action two rules both ask for is planned once; dry-run rules
 * are planned as they are, to be logged.
 */
export function planOutcomes(rules: readonly CompiledRule[], batch: readonly MessageFacts[]): PlannedOutcome[] {
  const planned: PlannedOutcome[] = [];
  for (const facts of batch) {
    if (facts.contactMuted && facts.kind === "comment") {
      planned.push({ facts, ruleId: null, ruleName: MUTED_AUTHOR_RULE, action: { type: "hide" }, mode: "live" });
      continue;
    }
    let prepared: PreparedText | null = null;
    const text = () => (prepared ??= prepareText(facts));
    const liveSeen = new Set<string>();
    for (const compiled of rules) {
      if (!compiled.matches(facts, text)) continue;
      const { rule } = compiled;
      for (const action of rule.actions) {
        if (rule.mode === "live") {
          if (liveSeen.has(action.type)) continue;
          liveSeen.add(action.type);
        }
        planned.push({ facts, ruleId: rule.id, ruleName: rule.name, action, mode: rule.mode });
      }
      if (rule.stopProcessing) break;
    }
  }
  return planned;
}
