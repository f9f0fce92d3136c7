import type { ClassificationContext } from "@surgedesk/shared";

/**
 * The author's history as evidence of spam, added to the spam label's log-odds after the text
 * is scored. Text alone cannot see a bot: the same pitch pasted under ten posts reads like one
 * ordinary comment each time. No labelled data carries this context, so the weights are set
 * here, and they are moderate: a buyer asking "where is my order??" under two posts is
 * repeating, not spamming, so a short repeat needs the text to lean toward spam already.
 * - the same text posted before by this author: +1.2 log-odds per copy, up to three copies,
 *   for texts of four words or more (short texts repeat innocently);
 * - this author's earlier messages were spam: +2.5 log-odds, once.
 */

export const REPEATED_TEXT_WEIGHT = 1.2;
export const REPEATED_TEXT_CAP = 3;
export const REPEATED_TEXT_MIN_WORDS = 4;
export const SPAM_HISTORY_WEIGHT = 2.5;

export interface SpamContextBoost {
  logOdds: number;
  rules: string[];
}

export function spamContextBoost(context: ClassificationContext | undefined, wordCount: number): SpamContextBoost {
  const rules: string[] = [];
  let logOdds = 0;
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
