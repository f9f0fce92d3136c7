import type { ClassificationContext } from "@surgedesk/shared";
import { DECISIVE_SPAM_SIGNALS, type SpamSignal } from "./spam-signals.ts";

/**
 * Evidence of spam the linear model cannot weigh well, added to the spam label's log-odds after
 * the text is scored:
 * - a decisive spam rule fired ("subscribe to my channel", "txt WIN to 87066", "DM me to earn"):
 *   +5 log-odds for the first such rule, +1.5 for each more. Real spam of these shapes is rare in
 *   the training text, so the learned weights stay small, while customers almost never write
 *   them (docs/nlp.md has the counts);
 * - the author's history. Text alone cannot see a bot: the same pitch pasted under ten posts reads like one
 * ordinary comment each time. No labelled data carries this context, so the weights are set
 * here, and they are moderate: a buyer asking "where is my order??" under two posts is
 * repeating, not spamming, so a short repeat needs the text to lean toward spam already.
 * - the same text posted before by this author: +1.2 log-odds per copy, up to three copies,
 *   for texts of six words or more (a buyer repeats "where is my order??" innocently);
 * - this author's earlier messages were spam: +2.5 log-odds, once.
 */

export const REPEATED_TEXT_WEIGHT = 1.2;
export const REPEATED_TEXT_CAP = 3;
export const REPEATED_TEXT_MIN_WORDS = 6;
export const SPAM_HISTORY_WEIGHT = 2.5;
export const DECISIVE_RULE_WEIGHT = 5;
export const EXTRA_RULE_WEIGHT = 1.5;

export interface SpamBoost {
  logOdds: number;
  rules: string[];
}

export function spamBoost(fired: readonly SpamSignal[], context: ClassificationContext | undefined, wordCount: number): SpamBoost {
  const rules: string[] = [];
  let logOdds = 0;
  const decisive = fired.filter((s) => DECISIVE_SPAM_SIGNALS.has(s)).length;
  if (decisive > 0) logOdds += DECISIVE_RULE_WEIGHT + EXTRA_RULE_WEIGHT * (decisive - 1);
  const copies = context?.sameTextFromAuthor ?? 0;
  if (copies > 0 && wordCount >= REPEATED_TEXT_MIN_WORDS) {
    logOdds += REPEATED_TEXT_WEIGHT * Math.min(copies, REPEATED_TEXT_CAP);
    rules.push("spam:repeated_text");
  }
  if ((context?.spamFromAuthor ?? 0) > 0) {
    logOdds += SPAM_HISTORY_WEIGHT;
    rules.push("spam:author_history");
  }
  return { logOdds, rules };
}
