import { LABEL_INFO, type ClassificationLanguage, type Label, type MacroChannel, type MacroLanguage } from "@surgedesk/shared";

export interface RankableMacro {
  channel: MacroChannel;
  labels: readonly Label[];
  language: MacroLanguage;
}

export interface RankContext {
  label: Label | null;
  language: ClassificationLanguage;
  /** The language to answer in when the message's own has no macros (or is not known). */
  workspaceLanguage: MacroLanguage;
  kind: "comment" | "dm";
  /** Whether a private message can answer this comment (Instagram's Private Reply; not TikTok). */
  privateFromComment: boolean;
  escalated: boolean;
}

export interface Ranked<M> {
  macro: M;
  score: number;
  reasons: string[];
}

const LANGUAGE_NAMES: Record<MacroLanguage, string> = { en: "English", es: "Spanish" };

/** Spam and scams are hidden, not answered: no macro is ever suggested for them. */
export const UNANSWERED_LABELS: readonly Label[] = ["spam_scam"];

/** Whether this channel can answer this kind of message at all. */
function channelFits(macro: RankableMacro, ctx: RankContext): boolean {
  if (ctx.kind === "dm") return macro.channel !== "public";
  return macro.channel !== "private" || ctx.privateFromComment;
}

/**
 * Scores a macro that fits the message: the label it serves matters most (its first label more
 * than the others, a specific macro more than a broad one), then its channel.
 */
function scoreMacro(macro: RankableMacro, ctx: RankContext, label: Label, language: MacroLanguage): { score: number; reasons: string[] } {
  const at = macro.labels.indexOf(label);
  // Reasons are read by agents: the case type's name, not its key.
  const caseType = LABEL_INFO[label].title.toLowerCase();
  const reasons = [at === 0 ? `made for ${caseType}` : `also serves ${caseType}`, `in ${LANGUAGE_NAMES[language]}`];
  let score = 10 + (at === 0 ? 2 : 0) + 1 / macro.labels.length;
  if (macro.channel === "internal") {
    score += ctx.escalated ? 1 : -3;
    if (ctx.escalated) reasons.push("escalated: note for a manager");
  } else if (ctx.kind === "dm" || macro.channel === "private") {
    score += 2;
    reasons.push(ctx.kind === "dm" ? "private reply in the DM" : "carries the case privately");
  } else {
    score += 2;
    reasons.push("public reply");
  }
  return { score, reasons };
}

/**
 * The best `limit` macros for a message, best first; ties keep the library's order. Only
 * macros made for the message's case type, in its language (else the workspace's), that its
 * channel can send: nothing rather than a macro that does not fit (an apology for praise, an
 * order macro for a product question, Spanish for an English comment). Nothing for spam.
 */
export function rankMacros<M extends RankableMacro>(macros: readonly M[], ctx: RankContext, limit = 3): Ranked<M>[] {
  const label = ctx.label;
  if (!label || UNANSWERED_LABELS.includes(label)) return [];
  const fitting = macros.filter((macro) => macro.labels.includes(label) && channelFits(macro, ctx));
  const own = ctx.language === "en" || ctx.language === "es" ? ctx.language : null;
  const language = own && fitting.some((m) => m.language === own) ? own : ctx.workspaceLanguage;
  return fitting
    .filter((macro) => macro.language === language)
    .map((macro) => ({ macro, ...scoreMacro(macro, ctx, label, language) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
