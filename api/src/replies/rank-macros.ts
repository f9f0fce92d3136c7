import { LABEL_INFO, type ClassificationLanguage, type Label, type MacroChannel, type MacroLanguage } from "@surgedesk/shared";

export interface RankableMacro {
  channel: MacroChannel;
  labels: readonly Label[];
  language: MacroLanguage;
}

export interface RankContext {
  label: Label | null;
  language: ClassificationLanguage;
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

/**
 * Scores a macro for a message: the label it serves matters most (its first label more than
 * the others, a specific macro more than a broad one), then the language, then whether its
 * channel can answer this kind of message at all. Macros that cannot be sent here are dropped.
 */
export function scoreMacro(macro: RankableMacro, ctx: RankContext): { score: number; reasons: string[] } | null {
  if (ctx.kind === "dm" && macro.channel === "public") return null;
  if (ctx.kind === "comment" && macro.channel === "private" && !ctx.privateFromComment) return null;
  const reasons: string[] = [];
  let score = 0;
  const at = ctx.label ? macro.labels.indexOf(ctx.label) : -1;
  if (at >= 0) {
    score += 10 + (at === 0 ? 2 : 0) + 1 / macro.labels.length;
    // Reasons are read by agents: the case type's name, not its key.
    const caseType = LABEL_INFO[ctx.label!].title.toLowerCase();
    reasons.push(at === 0 ? `made for ${caseType}` : `also serves ${caseType}`);
  }
  const wanted: MacroLanguage = ctx.language === "es" ? "es" : "en";
  if (macro.language === wanted) {
    score += 4;
    reasons.push(`in ${wanted === "es" ? "Spanish" : "English"}`);
  } else {
    score -= 4;
  }
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

/** The best `limit` macros for a message, best first; ties keep the library's order. */
export function rankMacros<M extends RankableMacro>(macros: readonly M[], ctx: RankContext, limit = 3): Ranked<M>[] {
  return macros
    .map((macro) => ({ macro, ranked: scoreMacro(macro, ctx) }))
    .filter((x): x is { macro: M; ranked: { score: number; reasons: string[] } } => x.ranked !== null)
    .map(({ macro, ranked }) => ({ macro, ...ranked }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
