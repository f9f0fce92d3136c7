/**
 * Turns whatever arrived as "text" into a bounded, printable string that every later step can
 * scan in linear time. Case is kept: entities and the ALL-CAPS signal need it.
 */

/**
 * Comments are short (TikTok caps them at 150 characters, Instagram at 2,200); DMs can be longer.
 * Past this, text is ignored so that a pasted novel costs the same as a long DM.
 */
export const MAX_TEXT_CHARS = 4000;

// Zero-width characters, bidi controls, BOM, soft hyphen: invisible, used to dodge filters.
// An alternation, not one character class: some of these are combining marks, which a class
// would read as joined to the character before them.
const INVISIBLE = /\u00AD|\u034F|\u061C|\u115F|\u1160|\u17B4|\u17B5|\u180E|[\u200B-\u200F]|[\u202A-\u202E]|[\u2060-\u206F]|\uFEFF/g;
// Control characters other than tab and newline, and lone surrogates left by a cut.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Script and style bodies are code, not words; other tags are markup around words.
const SCRIPT_OR_STYLE = /<(script|style)\b[^>]{0,500}>[\s\S]{0,4000}?<\/\1\s*>/gi;
const TAG = /<\/?[a-zA-Z][^<>]{0,500}>/g;
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g;

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  ndash: "–",
  mdash: "—",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

function decodeEntity(match: string, body: string): string {
  if (body.startsWith("#")) {
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // Out-of-range or control code points would reintroduce what CONTROL removes.
    if (!Number.isFinite(code) || code < 32 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return " ";
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? match;
}

export function sanitize(input: unknown): string {
  if (typeof input !== "string") return "";
  let text = input.length > MAX_TEXT_CHARS ? input.slice(0, MAX_TEXT_CHARS) : input;
  text = text.replace(SCRIPT_OR_STYLE, " ").replace(TAG, " ");
  if (text.includes("&")) text = text.replace(ENTITY, decodeEntity);
  // NFKC folds the "fancy font" letters spam uses (𝐟𝐫𝐞𝐞, ｆｒｅｅ) into plain ones.
  text = text.normalize("NFKC");
  // NFKC can expand a character (ﷺ becomes 18), so the bound is applied again.
  if (text.length > MAX_TEXT_CHARS) text = text.slice(0, MAX_TEXT_CHARS);
  return text.replace(INVISIBLE, "").replace(CONTROL, " ").trim();
}
