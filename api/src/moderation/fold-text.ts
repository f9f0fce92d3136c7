/**
 * Text as rules compare it: accents removed (NFD, then the combining marks dropped), lower
 * case, so "Envío" and "ENVIO" read the same. Applied to both the rule's phrases and the
 * message, once each.
 */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One regular expression for a rule's whole phrase list, matching any phrase as whole words:
 * "dm me" matches "DM me!" but neither "admin meeting" nor "dm meee". A letter or digit on
 * either side is what breaks a word (`\b` knows only ASCII letters, so it would split "envío").
 * Spaces inside a phrase match any run of whitespace.
 */
export function phraseMatcher(phrases: readonly string[]): RegExp | null {
  const alternatives = [...new Set(phrases.map((p) => foldText(p).trim()).filter((p) => p.length > 0))]
    .sort((a, b) => b.length - a.length)
    .map((p) => escapeRegExp(p).replace(/\s+/g, "\\s+"));
  if (alternatives.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "u");
}
