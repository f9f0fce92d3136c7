/**
 * Cuts text to at most `maxLength` UTF-16 units (what JavaScript and most APIs count), ending
 * in "…" when cut, and never in the middle of a character: half an emoji is an unreadable
 * replacement sign in a console or a chat header.
 */
export function shorten(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let kept = "";
  for (const character of text) {
    if (kept.length + character.length > maxLength - 1) break;
    kept += character;
  }
  return `${kept}…`;
}
