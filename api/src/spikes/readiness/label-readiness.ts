import type { Label, SpikeReadiness } from "@surgedesk/shared";
import type { Macro } from "./macro-catalog.ts";

/**
 * The macro every brand needs before a campaign, per case type (from the support playbooks), to
 * suggest when a surging label has none.
 */
export const SUGGESTED_MACROS: Partial<Record<Label, string>> = {
  order_status: "Order status (WISMO) with tracking link",
  not_received: "Delivered-not-received: check with neighbours, then open a claim",
  damaged_item: "Damaged item: ask for a photo and the order number",
  wrong_or_missing_item: "Wrong or missing item: ask for a photo of the parcel",
  return_refund: "Return intake: how to start a return",
  cancel_change: "Change or cancel before shipping",
  payment_issue: "Payment problem: move to DM for the order details",
  promo_confusion: "Creator code / promo clarification (terms, dates, stacking)",
  product_question: "Product FAQ: sizes, ingredients, shipping countries",
  spam_scam: "Scam warning: we never ask for payment in DMs",
};

/**
 * For the labels driving a surge that call for an answer (praise and chatter do not): the
 * macros ready for each, and a flag (with a suggestion) where there is none. Takes the brand's
 * macros already listed, so it never queries: it is called inside the detector's transaction.
 */
export function readinessFor(macros: readonly Macro[], labels: readonly Label[]): SpikeReadiness[] {
  const needing = [...new Set(labels)].filter((label) => SUGGESTED_MACROS[label] !== undefined);
  if (needing.length === 0) return [];
  return needing.map((label) => {
    const ready = macros.filter((m) => m.labels.includes(label)).map(({ id, title }) => ({ id, title }));
    return { label, macros: ready, ready: ready.length > 0, suggestion: ready.length > 0 ? null : (SUGGESTED_MACROS[label] ?? null) };
  });
}
