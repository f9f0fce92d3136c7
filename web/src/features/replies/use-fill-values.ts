import { useState } from "react";
import { placeholdersIn, renderTemplate, type TemplatePart } from "@surgedesk/shared";

/** Values a suggestion was filled with, read back from its parts (per macro, so per language). */
export function valuesOfParts(parts: readonly TemplatePart[]): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const part of parts) if (part.kind === "variable") values[part.name] = part.value;
  return values;
}

/**
 * What the agent typed for variables nobody knew, shared by every text in the panel: filling
 * `{{order_id}}` once fills it in the public and the private text alike.
 */
export function useFillValues() {
  const [filled, setFilled] = useState<Record<string, string>>({});
  return {
    filled,
    set: (name: string, value: string) => setFilled((current) => ({ ...current, [name]: value })),
    reset: () => setFilled({}),
    /** A draft with the agent's values put in wherever it still has the placeholder. */
    apply: (text: string) => renderTemplate(text, Object.fromEntries(placeholdersIn(text).map((n) => [n, filled[n] ?? null]))).text,
  };
}
