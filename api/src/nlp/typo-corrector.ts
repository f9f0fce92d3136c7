/**
 * Spelling repair for words the model has never seen ("recieved", "packge", "refnud"), against
 * the training lexicon. Symmetric-delete lookup (the SymSpell idea): every lexicon word is
 * indexed under itself and each string one deletion away; a typo one edit away shares an entry
 * with its word. Lookup is a handful of map reads, so correction stays cheap at classify time —
 * unlike generating all ~54n+25 edits per word, which costs milliseconds.
 *
 * Only words of five or more letters are repaired: short words are too often a different
 * real word one edit away ("cod"/"code", "sise"/"size" is rare enough to leave).
 *
 * Nor is a regular inflection of a known word ("sending" when "send" is known): one edit from
 * a more frequent word ("pending") is no evidence of a typo when the word parses as send + ing.
 *
 * A word the lexicon has seen is still repaired when a neighbour is far more frequent
 * (`dominance` times): misspellings recur in social text ("orderd" several times beside
 * "ordered" a hundred times), so having been seen is not proof of being a word.
 */

export const MIN_TYPO_LENGTH = 5;

export interface TypoCorrector {
  /** The lexicon word one edit away (the most frequent on ties), or null. */
  correct(word: string): string | null;
  has(word: string): boolean;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance ≤ 1: one insertion, deletion, substitution or swap. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export const DEFAULT_DOMINANCE = 10;

const SUFFIXES = ["ing", "ed", "es", "s", "er", "ers", "ly"];

function isInflectionOf(word: string, known: (w: string) => boolean): boolean {
  for (const suffix of SUFFIXES) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const base = word.slice(0, -suffix.length);
    // send+ing, bak(e)+ing, stop(p)+ed
    if (known(base) || known(`${base}e`) || (base.at(-1) === base.at(-2) && known(base.slice(0, -1)))) return true;
  }
  return false;
}

/**
 * `lexicon` maps each training word to its frequency. `dictionary` holds words known to be
 * real whatever the training data says (stop words, sentiment and cue lexicons): they are
 * never "repaired", which keeps "saber" from becoming the more frequent "haber".
 */
export function createTypoCorrector(
  lexicon: ReadonlyMap<string, number>,
  dictionary: ReadonlySet<string> = new Set(),
  dominance = DEFAULT_DOMINANCE,
): TypoCorrector {
  const index = new Map<string, string[]>();
  const add = (key: string, word: string) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of lexicon.keys()) {
    if (word.length < MIN_TYPO_LENGTH - 1) continue;
    add(word, word);
    for (const d of deletions(word)) add(d, word);
  }

  return {
    has: (word) => lexicon.has(word) || dictionary.has(word),
    correct(word) {
      if (word.length < MIN_TYPO_LENGTH || word.length > 30 || dictionary.has(word)) return null;
      if (!lexicon.has(word) && isInflectionOf(word, (w) => lexicon.has(w) || dictionary.has(w))) return null;
      const own = lexicon.get(word) ?? 0;
      let best: string | null = null;
      let bestFrequency = own === 0 ? 0 : own * dominance - 1;
      const consider = (candidates: string[] | undefined) => {
        if (candidates === undefined) return;
        for (const candidate of candidates) {
          const frequency = lexicon.get(candidate) ?? 0;
          if (frequency > bestFrequency && candidate !== word && withinOneEdit(word, candidate)) {
            best = candidate;
            bestFrequency = frequency;
          }
        }
      };
      consider(index.get(word));
      for (const d of deletions(word)) consider(index.get(d));
      return best;
    },
  };
}
