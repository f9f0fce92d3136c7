import { renderTemplate, type MacroLanguage, type SuggestionsResponse, type TemplateValues } from "@surgedesk/shared";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { listMacros, macroView } from "./macro-store.ts";
import { orderContextFor } from "./order-context.ts";
import { publicReplyProblem } from "./pii-guard.ts";
import { rankMacros, UNANSWERED_LABELS } from "./rank-macros.ts";
import type { ReplyTarget } from "./reply-target.ts";
import { commentToDmAvailability, replyOptions } from "./send-rules.ts";
import type { ConnectorRegistry } from "../connectors/registry.ts";
import { privateReplyTaken } from "./enqueue-replies.ts";
import { templateValues } from "./template-values.ts";

/** A missing variable costs a suggestion this much: a macro the agent can send at once wins a tie. */
const MISSING_PENALTY = 0.5;

/** The language a workspace answers in when a message's own has no macros. */
export const WORKSPACE_LANGUAGE: MacroLanguage = "en";

export function macroLanguageOf(target: ReplyTarget): MacroLanguage {
  const language = target.message.classification?.language;
  return language === "en" || language === "es" ? language : WORKSPACE_LANGUAGE;
}

/**
 * The 3 best macros for a message, filled from its entities, its author, the agent and the
 * order the connected shops find; with whether the comment-to-DM move is open on this platform.
 */
export async function suggestReplies(input: {
  db: Database;
  config: Config;
  connectors: ConnectorRegistry;
  workspaceId: string;
  agentName: string;
  target: ReplyTarget;
  now?: Date;
}): Promise<SuggestionsResponse> {
  const { db, config, target } = input;
  const now = input.now ?? new Date();
  const { message } = target;
  const order = await orderContextFor({ db, config, connectors: input.connectors, workspaceId: input.workspaceId, target });
  const valuesIn = new Map<MacroLanguage, TemplateValues>();
  const valuesFor = (language: MacroLanguage) => {
    let values = valuesIn.get(language);
    if (!values) valuesIn.set(language, (values = templateValues({ message, order, agentName: input.agentName, language, now })));
    return values;
  };
  const taken = message.kind === "comment" ? await privateReplyTaken(db, input.workspaceId, message.externalId) : false;
  const commentToDm = commentToDmAvailability(input.connectors, target, taken, now);
  // "We've sent you a DM" is only true where the platform lets us send one from the comment.
  const macros = (await listMacros(db, input.workspaceId)).filter((m) => commentToDm.mode === "private_reply" || !m.key?.startsWith("comment_to_dm_ack."));
  const ranked = rankMacros(
    macros,
    {
      label: message.label,
      language: message.classification?.language ?? "und",
      workspaceLanguage: WORKSPACE_LANGUAGE,
      kind: message.kind,
      privateFromComment: commentToDm.mode === "private_reply" && commentToDm.reason === null,
      escalated: message.escalationLevel === "high",
    },
    8,
  );
  const suggestions = ranked
    .map(({ macro, score, reasons }) => {
      const rendered = renderTemplate(macro.body, valuesFor(macro.language));
      return {
        macro: macroView(macro),
        score: score - MISSING_PENALTY * rendered.missing.length,
        reasons: rendered.missing.length > 0 ? [...reasons, `needs ${rendered.missing.map((name) => name.replaceAll("_", " ")).join(", ")}`] : reasons,
        rendered,
        piiProblem: macro.channel === "public" ? publicReplyProblem(rendered.text) : null,
      };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  return {
    messageId: message.id,
    values: valuesFor(macroLanguageOf(target)),
    order,
    suggestions,
    advice: message.label && UNANSWERED_LABELS.includes(message.label) ? "hide" : null,
    commentToDm: { available: commentToDm.mode !== "none" && commentToDm.reason === null, reason: commentToDm.reason, mode: commentToDm.mode },
    replyOptions: replyOptions(input.connectors, target, taken, now),
  };
}
