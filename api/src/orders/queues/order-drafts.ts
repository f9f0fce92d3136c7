import { renderTemplate, type FoundOrder, type MacroLanguage, type WaitingMessage } from "@surgedesk/shared";
import type { macros } from "../../db/schema/index.ts";
import { WORKSPACE_LANGUAGE } from "../../replies/suggest-replies.ts";
import { templateValues } from "../../replies/template-values.ts";
import type { WaitingRow } from "./waiting-messages.ts";

type MacroRow = typeof macros.$inferSelect;

/** Shipped: tell them where it is (WISMO). Not shipped yet: the launch's delay apology. */
export function draftMacroId(order: FoundOrder): string {
  return order.shipments.some((s) => s.trackingNumber) ? "wismo" : "shipping_delay";
}

const languageOf = (row: WaitingRow): MacroLanguage => {
  const language = row.classification?.language;
  return language === "en" || language === "es" ? language : WORKSPACE_LANGUAGE;
};

/**
 * Each waiting buyer's reply: the workspace's own copy of the macro (an edited library macro is
 * used as edited), in the buyer's language, filled from the order and the buyer's message. What
 * the order cannot fill stays `{{name}}` and is listed, so the console asks for it before sending.
 */
export function draftsFor(input: { order: FoundOrder; rows: readonly WaitingRow[]; macros: readonly MacroRow[]; agentName: string; now: Date }): {
  macroTitle: string | null;
  waiting: WaitingMessage[];
} {
  const id = draftMacroId(input.order);
  const macroIn = (language: MacroLanguage) => input.macros.find((m) => m.key === `${id}.${language}`) ?? input.macros.find((m) => m.key === `${id}.${WORKSPACE_LANGUAGE}`);
  const context = { outcome: "found" as const, reason: "", order: input.order, otherOrders: [] };
  const waiting = input.rows.map((row): WaitingMessage => {
    const language = languageOf(row);
    const macro = macroIn(language);
    const values = templateValues({ message: row, order: context, agentName: input.agentName, language, now: input.now });
    const rendered = macro ? renderTemplate(macro.body, values) : { text: "", missing: [] };
    const { classification: _c, ...view } = row;
    return { ...view, draft: rendered.text, unfilled: rendered.missing };
  });
  return { macroTitle: macroIn(WORKSPACE_LANGUAGE)?.title ?? null, waiting };
}
