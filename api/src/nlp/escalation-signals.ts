import type { ClassificationContext } from "@surgedesk/shared";

/**
 * The deterministic half of escalation: each signal is a rule a support lead would state
 * ("a chargeback threat goes to a senior agent"), fires or not, and says why in plain words.
 * How much each signal counts is learned from the corpus (see escalation.ts).
 *
 * Lexicon rules run on the normalized words joined by spaces (lower case, accents folded,
 * slang expanded, so "tf" arrives as "the fuck"); shape rules (capitals, "!!!") on the masked
 * original, where entity codes like SARAH20 are already placeholders and cannot read as shouting.
 */

export const TEXT_SIGNALS = [
  "chargeback_threat",
  "report_threat",
  "legal_threat",
  "scam_accusation",
  "profanity",
  "anger",
  "all_caps",
  "exclamations",
  "long_wait",
  "unanswered",
  "negative_sentiment",
] as const;
export type TextSignal = (typeof TEXT_SIGNALS)[number];

export const CONTEXT_SIGNALS = ["repeat_contact", "high_visibility"] as const;
export type ContextSignal = (typeof CONTEXT_SIGNALS)[number];

export type EscalationSignalId = TextSignal | ContextSignal;

export interface FiredSignal {
  id: EscalationSignalId;
  reason: string;
  /** For context signals, how strongly (earlier messages, likes); 1 for text signals. */
  strength: number;
}

const LEXICON: { id: TextSignal; pattern: RegExp; reason: string }[] = [
  {
    id: "chargeback_threat",
    pattern:
      /\b(?:chargebacks?|charge ?back|disput(?:e|es|ed|ing)|(?:call|calling|contact|contacting|tell|telling) (?:my|the) bank|(?:paypal|bank|card) (?:claim|case|dispute)|file a claim|open(?:ing)? a (?:claim|case)|credit card company|card issuer|(?:go|going) to my bank|contracargos?|contracargo|disputar|desconocer (?:el|la) (?:cargo|compra)|reclamo (?:al|con el) banco|voy al banco)\b/,
    reason: "threatens a chargeback or payment dispute",
  },
  {
    id: "report_threat",
    pattern:
      /\b(?:report(?:ing)? (?:you|this|the|your|them|it)|(?:will|gonna|going to) report|reported|bbb|better business bureau|ftc|attorney general|consumer (?:protection|rights)|trading standards|profeco|denunciar\w*|denuncia|reportar\w*|(?:leave|leaving|write|writing) (?:a )?(?:bad|1 star|one star|negative) review|last warning|queja|quejarme|ultima advertencia)\b/,
    reason: "threatens to report the shop or review it badly",
  },
  {
    id: "legal_threat",
    pattern:
      /\b(?:lawyers?|attorneys?|sue|suing|lawsuit|legal action|small claims|(?:see you|take you to|taking you to) court|abogad[oa]s?|demanda(?:r|re|remos)?|accion legal|tribunal)\b/,
    reason: "threatens legal action",
  },
  {
    id: "scam_accusation",
    pattern:
      /\b(?:scam\w*|fraud\w*|fake (?:shop|store|company|business|account|page)|rip ?off|stole|steal(?:ing)?|theft|robbed|thie(?:f|ves)|con artists?|liars?|lying|shady|estaf\w+|fraude\w*|ladron\w*|ratas|rob(?:o|aron|ando)|engan\w+|mentiros\w*|mentira)\b/,
    reason: "accuses the shop of a scam or fraud",
  },
  {
    id: "profanity",
    pattern:
      /\b(?:fuck\w*|f+u+c+k+|shit\w*|bullshit|bs|damn\w*|crap|screw (?:this|you)|asshole|ass|bitch\w*|bastards?|hell|mierda|pinche\w*|ching\w+|carajo|put[ao]s?|joder|verga|cabron\w*|pendej\w*|mames|manches|asco)\b/,
    reason: "profanity",
  },
  {
    id: "anger",
    pattern:
      /\b(?:angry|furious|pissed|livid|outraged|ridiculous|unacceptable|unbelievable|unreal|disgust\w*|worst|terrible|horrible|awful|pathetic|useless|incompetent|garbage|trash|(?:a|such a|absolute|this is a|are a) joke|the audacity|make it make sense|never again|fed up|sick of|tired of|done with|done waiting|i m done|emoangry|enojad[oa]s?|furios[oa]s?|molest[oa]s?|hart[oa]s?|ya me canse|ya basta|exijo|falta de respeto|basura|inaceptable|pesim[oa]s?|verguenza|nunca mas|ver la cara)\b/,
    reason: "angry wording",
  },
  {
    id: "unanswered",
    pattern:
      /\b(?:(?:asked|messaged|emailed|contacted|called|dmed|wrote|commented|texted)(?: you| u| them)? (?:\d+|two|three|four|five|several|multiple|many) times|(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth) time|(?:no one|nobody|noone) (?:is )?(?:answer|respond|repl|help|care|pick|listen)\w*|(?:no|zero) (?:reply|replies|response|answer|communication)|never answered|not asking again|ghost(?:ed|ing)|went quiet|stopped replying|(?:ignor(?:e|es|ed|ing)) (?:me|my|us)|already asked|asked already|still waiting (?:for|on) (?:a |an )?(?:reply|response|answer)|nadie (?:me )?(?:responde|contesta|ayuda|dice)|no contestan|ni contestan|sin respuesta|(?:segunda|tercera|cuarta|quinta) vez|ya (?:les |le )?(?:escribi|pregunte|mande)|otra vez|de nuevo|(?:escribi|pregunte|mande) \d+ veces)\b/,
    reason: "says earlier messages went unanswered",
  },
];

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  few: 3,
  several: 3,
  couple: 2,
  un: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  varias: 3,
  varios: 3,
};
const DAYS_PER_UNIT: Record<string, number> = {
  day: 1,
  days: 1,
  dia: 1,
  dias: 1,
  week: 7,
  weeks: 7,
  semana: 7,
  semanas: 7,
  month: 30,
  months: 30,
  mes: 30,
  meses: 30,
};
// "3 weeks", "a month", "over two weeks", "15 dias".
const WAIT_AMOUNT =
  /\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several|couple|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|varias|varios)(?: (?:of|more|whole|full|entire))? (days?|weeks?|months?|dias?|semanas?|mes|meses)\b/g;
// No number needed: "weeks", "for months", "forever", "since march".
const WAIT_VAGUE =
  /\b(?:for (?:weeks|months|ages|forever)|it s been (?:weeks|months|forever|ages)|(?:been|waiting|waited) (?:weeks|months|forever|ages)|since (?:january|february|march|april|may|june|july|august|september|october|november|december|last (?:week|month))|hace (?:semanas|meses|mucho)|desde (?:hace|el mes pasado|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre))\b/;
/** Two weeks: most parcels arrive inside ten days, so past this the wait itself is the complaint. */
const LONG_WAIT_DAYS = 14;

function longWait(joined: string): string | null {
  WAIT_AMOUNT.lastIndex = 0;
  for (let m = WAIT_AMOUNT.exec(joined); m !== null; m = WAIT_AMOUNT.exec(joined)) {
    const [phrase, amount = "", unit = ""] = m;
    const count = /^\d/.test(amount) ? Number(amount) : (NUMBER_WORDS[amount] ?? 0);
    if (count * (DAYS_PER_UNIT[unit] ?? 0) >= LONG_WAIT_DAYS) return phrase;
  }
  const vague = WAIT_VAGUE.exec(joined);
  return vague ? vague[0] : null;
}

/**
 * Mostly capitals over enough letters, or several shouted words inside normal text. One pass
 * over the characters (this runs on every message); only letters that have a case count, so
 * scripts without one neither shout nor dilute the ratio.
 */
function isShouting(masked: string): boolean {
  let letters = 0;
  let upper = 0;
  let run = 0;
  let shoutedWords = 0;
  for (let i = 0; i < masked.length; i++) {
    const code = masked.charCodeAt(i);
    let isUpper = false;
    let isLetter = false;
    if (code < 128) {
      isUpper = code >= 65 && code <= 90;
      isLetter = isUpper || (code >= 97 && code <= 122);
    } else {
      const ch = masked[i]!;
      const lower = ch.toLowerCase();
      isUpper = lower !== ch;
      isLetter = isUpper || ch.toUpperCase() !== ch;
    }
    if (isLetter) {
      letters++;
      if (isUpper) {
        upper++;
        run++;
        continue;
      }
    }
    if (run >= 3 && !isLetter) shoutedWords++;
    run = isLetter ? -Infinity : 0; // a lower-case letter spoils the current word
  }
  if (run >= 3) shoutedWords++;
  if (letters < 8) return false;
  return upper / letters >= 0.7 || shoutedWords >= 3;
}

const EXCLAMATIONS = /!{3,}|(?:[!?¡] ?){4,}/;
const DOUBLE_BANG = /!!/g;

/** "!!!", "?!?!", or "!!" more than once ("answer me!! now!!"). */
function isExclaiming(masked: string): boolean {
  if (!masked.includes("!")) return false;
  return EXCLAMATIONS.test(masked) || (masked.match(DOUBLE_BANG)?.length ?? 0) >= 2;
}

export interface SignalInput {
  /** Normalized words joined by single spaces. */
  joined: string;
  /** Sanitized text with entities masked, case kept. */
  masked: string;
  sentiment: number;
  context?: ClassificationContext | undefined;
}

/** Likes above which a public complaint is seen by enough people to matter. */
export const VISIBLE_LIKES = 100;

export function detectSignals({ joined, masked, sentiment, context }: SignalInput): FiredSignal[] {
  const fired: FiredSignal[] = [];
  for (const rule of LEXICON) if (rule.pattern.test(joined)) fired.push({ id: rule.id, reason: rule.reason, strength: 1 });
  if (isShouting(masked)) fired.push({ id: "all_caps", reason: "written in capitals", strength: 1 });
  if (isExclaiming(masked)) fired.push({ id: "exclamations", reason: 'repeated "!!!"', strength: 1 });
  const wait = longWait(joined);
  if (wait !== null) fired.push({ id: "long_wait", reason: `long wait stated ("${wait}")`, strength: 1 });
  if (sentiment <= -0.5) fired.push({ id: "negative_sentiment", reason: "strongly negative sentiment", strength: 1 });

  const prior = context?.priorMessagesFromAuthor ?? 0;
  if (prior >= 1) {
    const plural = prior === 1 ? "message" : "messages";
    fired.push({ id: "repeat_contact", reason: `repeat contact: ${prior} earlier ${plural} from this author`, strength: prior });
  }
  const likes = context?.likes ?? 0;
  if (likes >= VISIBLE_LIKES) {
    fired.push({ id: "high_visibility", reason: `high visibility: ${likes.toLocaleString("en-US")} likes`, strength: likes });
  }
  return fired;
}
