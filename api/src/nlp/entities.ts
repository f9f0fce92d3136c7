import type { ClassificationEntities } from "@surgedesk/shared";

/**
 * Deterministic extraction of the identifiers agents act on. Rules, not the model: an order
 * number either has the shape or it does not, and an agent must be able to trust it verbatim.
 *
 * Extractors run in a fixed order over a working copy, and each match is replaced by a
 * placeholder word (`__url`, `__ordernum`…). That keeps a tracking number from also being read as
 * a phone number, and hands the feature extractor one stable token instead of an id it has
 * never seen. Every pattern has bounded repetition, so a 4,000-character input stays linear.
 */

export type EntityKind = keyof ClassificationEntities;

export interface EntityExtraction {
  entities: ClassificationEntities;
  /** The text with each entity replaced by its placeholder word. */
  masked: string;
}

interface Extractor {
  kind: EntityKind;
  placeholder: string;
  pattern: RegExp;
  /**
   * Given the match and its groups, returns the entity value (or null to leave the text as it
   * is) and the text to put back: context words such as "order" stay, the value is masked.
   */
  take(match: string, groups: (string | undefined)[]): { value: string; keep: string; after?: string } | null;
}

const EMAIL = /(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24}\b/g;
const URL_SCHEME = /\b(?:https?:\/\/|www\.)[^\s<>"'`]{1,500}/gi;
// Bare domains ("shop-deals.top/x") are how spam dodges link filters; the TLD list stays short
// so "e.g." or "lol.jk" are not links.
const URL_BARE =
  /(?<![\w@.-])[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,3}\.(?:com|net|org|shop|store|co|io|ly|me|xyz|top|site|online|link|info|biz|app|us|mx|es|club|live|vip|gg|tk|icu|buzz|click|ee|gl|to)(?![\w-])(?:\/[^\s<>"'`]{0,500})?/gi;

// UPS 1Z…, USPS 92–95 + 20 digits (often grouped by 4), UPU S10 (LX123456789CN), carrier prefixes.
const TRACKING_FORMAT =
  /\b(?:1Z[0-9A-Z]{16}|9[2-5]\d{2}(?:[ -]?\d{4}){4}[ -]?\d{2}|[A-Z]{2}\d{9}[A-Z]{2}|YT\d{16}|TBA\d{12}|LP\d{14}|JT\d{13})\b/g;
// A value right after the word "tracking" (or Spanish "rastreo", "guía"), whatever its format.
const TRACKING_CONTEXT =
  /(\b(?:tracking|track|rastreo|seguimiento|gu[ií]a)(?:[ \t]{1,3}(?:number|num|no\.?|#|code|id|n[uú]mero|de|es|is|:)){0,3}[ \t]{0,3}[:#-]?[ \t]{0,3})([A-Za-z0-9]{8,30})(?![A-Za-z0-9])/gi;
// TikTok Shop order ids are long all-digit numbers (18 digits in the US: 576…); 17–19 covers the
// regions seen while leaving 16-digit card numbers alone.
const TIKTOK_ID = /(?<![\d#])\d{17,19}(?!\d)/g;
// Shopify names an order "#1001"; shops may add a short prefix ("#SH1001").
const ORDER_HASH = /(?<![\w#&])#[ \t]?((?:[A-Z]{1,4}-?)?\d{3,10})(?![\w])/g;
const ORDER_CONTEXT =
  /(\b(?:order|pedido|orden|compra)(?:[ \t]{1,3}(?:number|num|no\.?|n[uú]mero|n[°º]|id|de|is|es)){0,3}[ \t]{0,3}[:#-]?[ \t]{0,3})((?:[A-Z]{1,4}-?)?\d{3,10})(?![\w])/gi;
const PHONE =
  /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)|\d{2,4})[ .-]\d{3,4}[ .-]?\d{3,4}(?![\w])|(?<![\w+])\+\d{8,14}(?!\d)/g;
// Codes follow a trigger word; "the code didn't work" must not yield DIDN'T, hence PROMO_NOT_A_CODE.
const PROMO =
  /(\b(?:creator[ \t]code|discount[ \t]code|promo[ \t]?code|coupon[ \t]?code|code|c[oó]digo|cup[oó]n|coupon|promo)(?:[ \t]{1,3}(?:is|es|de|descuento))?[ \t]{0,3}[:=-]?[ \t]{0,3}["'“‘]?)([A-Za-z0-9][A-Za-z0-9_-]{2,24})(?![\w])/gi;

// Without a trigger word, a code is a capitalised word ending in a number: "MAYA15 isn't working".
// Lower-case look-alikes ("iphone15", "covid19") are left alone.
const PROMO_BARE = /(?<![\w#@.-])[A-Z]{3,12}\d{1,3}(?![\w-])/g;

const PROMO_NOT_A_CODE = new Set(
  (
    "the and not doesnt didnt dont wont isnt wasnt aint does did doesn didn won isn wasn was are is for from with " +
    "this that work works working worked expired invalid valid apply applied applies anymore again please pls " +
    "says said shows showing wrong error your you its it not until till only still but also just even when where " +
    "what why how que funciona funcionan sirve sirvio aplica valido invalido para por pero tambien ya esta este " +
    "ese del las los una uno con sin please here there they them their have has had will would could should " +
    "off discount promo code coupon creator link below above bio"
  ).split(" "),
);

function digitsIn(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** Trailing punctuation belongs to the sentence, not the link. */
function trimUrl(url: string): string {
  return url.replace(/[.,!?;:)\]}'"…]+$/u, "");
}

const EXTRACTORS: Extractor[] = [
  {
    kind: "emails",
    placeholder: "__email",
    pattern: EMAIL,
    take: (m) => ({ value: m.toLowerCase(), keep: "" }),
  },
  {
    kind: "urls",
    placeholder: "__url",
    pattern: URL_SCHEME,
    take: (m) => {
      const url = trimUrl(m);
      return { value: url, keep: "", after: m.slice(url.length) };
    },
  },
  {
    kind: "urls",
    placeholder: "__url",
    pattern: URL_BARE,
    take: (m) => {
      const url = trimUrl(m);
      return { value: url.toLowerCase(), keep: "", after: m.slice(url.length) };
    },
  },
  {
    kind: "trackingNumbers",
    placeholder: "__tracking",
    pattern: TRACKING_FORMAT,
    take: (m) => ({ value: m.replace(/[ -]/g, ""), keep: "" }),
  },
  {
    kind: "trackingNumbers",
    placeholder: "__tracking",
    pattern: TRACKING_CONTEXT,
    take: (_m, [prefix, value]) =>
      value !== undefined && digitsIn(value) >= 4 ? { value: value.toUpperCase(), keep: prefix ?? "" } : null,
  },
  {
    kind: "tiktokOrderIds",
    placeholder: "__tiktokid",
    pattern: TIKTOK_ID,
    take: (m) => ({ value: m, keep: "" }),
  },
  {
    kind: "orderNumbers",
    placeholder: "__ordernum",
    pattern: ORDER_HASH,
    take: (_m, [value]) => (value === undefined ? null : { value: `#${value.toUpperCase()}`, keep: "" }),
  },
  {
    kind: "orderNumbers",
    placeholder: "__ordernum",
    pattern: ORDER_CONTEXT,
    take: (_m, [prefix, value]) =>
      value === undefined ? null : { value: `#${value.toUpperCase()}`, keep: prefix ?? "" },
  },
  {
    kind: "phones",
    placeholder: "__phone",
    pattern: PHONE,
    take: (m) => {
      const digits = digitsIn(m);
      return digits >= 8 && digits <= 15 ? { value: m.trim(), keep: "" } : null;
    },
  },
  {
    kind: "promoCodes",
    placeholder: "__promocode",
    pattern: PROMO,
    take: (_m, [prefix, value]) => {
      if (value === undefined || PROMO_NOT_A_CODE.has(value.toLowerCase().replace(/[_-]/g, ""))) return null;
      // A code is written in capitals or carries digits ("SARAH20", "glow15"); a plain lower-case
      // word after "code" is usually prose ("code sucks").
      const looksLikeCode = digitsIn(value) > 0 || (value === value.toUpperCase() && /[A-Z]{3}/.test(value));
      return looksLikeCode ? { value: value.toUpperCase(), keep: prefix ?? "" } : null;
    },
  },
  {
    kind: "promoCodes",
    placeholder: "__promocode",
    pattern: PROMO_BARE,
    take: (m) => ({ value: m, keep: "" }),
  },
];

export function emptyEntities(): ClassificationEntities {
  return { orderNumbers: [], tiktokOrderIds: [], trackingNumbers: [], promoCodes: [], emails: [], phones: [], urls: [] };
}

/** Extracts entities from sanitized text (see `sanitize`), de-duplicated per kind. */
export function extractEntities(text: string): EntityExtraction {
  const entities = emptyEntities();
  let work = text;
  for (const extractor of EXTRACTORS) {
    // Cheap guards: most messages have no digits, no "@" and no ".", and skip most patterns.
    if (!mayMatch(extractor, work)) continue;
    const found = entities[extractor.kind];
    work = work.replace(extractor.pattern, (match: string, ...rest: unknown[]) => {
      const groups = rest.slice(0, -2).map((g) => (typeof g === "string" ? g : undefined));
      const taken = extractor.take(match, groups);
      if (taken === null) return match;
      if (!found.includes(taken.value)) found.push(taken.value);
      return `${taken.keep} ${extractor.placeholder} ${taken.after ?? ""}`;
    });
  }
  return { entities, masked: work };
}

const HAS_DIGIT = /\d/;

function mayMatch(extractor: Extractor, text: string): boolean {
  switch (extractor.kind) {
    case "emails":
      return text.includes("@");
    case "urls":
      return text.includes(".");
    case "promoCodes":
      return true;
    default:
      return HAS_DIGIT.test(text);
  }
}
