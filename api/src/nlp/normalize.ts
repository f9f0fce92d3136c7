import { mayHaveEmoji, replaceEmoji } from "./emoji.ts";
import { SLANG } from "./slang.ts";

/**
 * Social text → the plain form the features are built from. Two levels:
 * - `normalizeText` rewrites the whole string: lower case (ALL CAPS is measured before, as an
 *   escalation signal), emoji → family words, accents folded (people type "envio" and "envío"
 *   alike), laughter collapsed;
 * - `normalizeToken` rewrites one word: elongation ("sooo", "pleeease"), then slang ("wya",
 *   "tf", "xfa"). It is pure and per word, so callers memoize it.
 */

const COMBINING_MARKS = /\p{M}+/gu;
// "hahaha", "jajajaja", "lolol", "jsjsjs" are one laugh whatever their length.
const LAUGH = /\b(?:(?:h+a+){2,}h*|(?:j+a+){2,}j*|(?:h+e+){2,}h*|(?:j+e+){2,}j*|(?:j+s+){2,}j*|lo(?:l+o+)+l*|(?:a?ha){2,})\b/g;

export function normalizeText(text: string): string {
  let out = text.toLowerCase();
  if (mayHaveEmoji(out)) out = replaceEmoji(out);
  // Folding only pays for itself when something is not ASCII.
  for (let i = 0; i < out.length; i++) {
    if (out.charCodeAt(i) > 127) {
      out = out.normalize("NFD").replace(COMBINING_MARKS, "");
      break;
    }
  }
  return out.replace(LAUGH, (laugh) => (laugh.startsWith("j") ? " jaja " : laugh.startsWith("l") ? " lol " : " haha "));
}

// A Map, not the object: a comment saying "constructor" must not reach Object.prototype.
const SLANG_WORDS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(SLANG).map(([short, long]) => [short, long.split(" ")]));

/** Words people stretch, in their one-letter form: "sooo" → "so", "noooo" → "no". */
const STRETCHED_WORDS = new Set(
  (
    "so no yes ok oh please hi hey why what where when who help love now wow ugh nice cute come home here there " +
    "yay si que hola por favor amo mio bien nada gracias todo ahora hello really sorry need pretty " +
    "happy sad mad angry hate slow long still ever never want got"
  ).split(" "),
);

const RUN_OF_THREE = /([a-z])\1{2,}/g;
const RUN_OF_TWO_OR_MORE = /([a-z])\1+/g;

/**
 * A stretched word back to its spelling. Runs of three or more letters are cut to two
 * ("goood" → "good"), unless cutting every stretched run to one letter gives a word that is
 * commonly stretched, slang, or one the caller knows ("sooo" → "so", "helloooo" → "hello").
 */
export function collapseElongation(token: string, isKnown?: (word: string) => boolean): string {
  RUN_OF_THREE.lastIndex = 0;
  if (!RUN_OF_THREE.test(token)) return token;
  const known = (word: string) => STRETCHED_WORDS.has(word) || SLANG_WORDS.has(word) || (isKnown?.(word) ?? false);
  const two = token.replace(RUN_OF_THREE, "$1$1");
  const one = token.replace(RUN_OF_THREE, "$1");
  if (known(one)) return one;
  if (known(two)) return two;
  // Words with a genuine double letter next to the stretch ("helloooo"): try all doubles as one.
  const single = two.replace(RUN_OF_TWO_OR_MORE, "$1");
  if (known(single)) return single;
  return two;
}


/** One token → the words it stands for. */
export function normalizeToken(token: string, isKnown?: (word: string) => boolean): readonly string[] {
  const direct = SLANG_WORDS.get(token);
  if (direct !== undefined) return direct;
  const collapsed = collapseElongation(token, isKnown);
  return SLANG_WORDS.get(collapsed) ?? [collapsed];
}
