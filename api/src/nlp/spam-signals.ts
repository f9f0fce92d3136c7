/**
 * Spam and scam patterns as they look under Instagram and TikTok posts, as deterministic rules
 * with ids (`spam:<id>` in the evidence, `__spam_<id>` as a model feature). The model learns how
 * much each weighs from real spam (SMS and YouTube) and the corpus; the rules name the shape so
 * that a new bot's wording still meets a feature the model knows:
 * - "DM me / @handle to earn", "make $500 a day";
 * - crypto, forex and "investment manager" pitches;
 * - fake giveaways ("you've been selected", "claim your prize");
 * - impersonation of the brand: "official support" handles asking to be contacted or paid;
 * - WhatsApp / Telegram contact, with a number or handle;
 * - follow and channel bait ("check out my page", "sub4sub", "please subscribe");
 * - premium-text bait: "txt WIN to 87066", "call 0800… now to claim".
 * Patterns run on the sanitized text with bounded gaps (linear on 4,000 characters).
 *
 * `DECISIVE_SPAM_SIGNALS` are the ones almost no customer writes (measured over the real and
 * synthetic training text: see docs/nlp.md); they add log-odds of their own (spam-evidence.ts),
 * because real spam of that shape is rare in the training data and a learned weight stays
 * small. WhatsApp numbers are not among them: Latin American buyers give theirs.
 */

export const SPAM_SIGNALS = [
  "dm_to_earn",
  "crypto_pitch",
  "giveaway",
  "impersonation",
  "off_platform_contact",
  "follow_bait",
  "text_to_claim",
] as const;
export type SpamSignal = (typeof SPAM_SIGNALS)[number];
export const DECISIVE_SPAM_SIGNALS: ReadonlySet<SpamSignal> = new Set(["dm_to_earn", "crypto_pitch", "giveaway", "impersonation", "follow_bait", "text_to_claim"]);

/**
 * Words at least one of which each pattern needs, checked with `includes` on the lower-cased
 * text before the pattern runs: most messages contain none, and seven regular expressions per
 * message were a tenth of classification time.
 */
const ANCHORS: Record<SpamSignal, readonly string[]> = {
  dm_to_earn: ["earn", "income", "profit", "cash", "paid", "make", "$"],
  crypto_pitch: ["bitcoin", "btc", "crypto", "forex", "usdt", "ethereum", "binary", "nft", "trad", "invest"],
  giveaway: ["giveaway", "won", "selected", "chosen", "awarded", "winner", "claim", "free", "congrat"],
  impersonation: ["support", "official", "help", "care", "service", "admin", "team"],
  off_platform_contact: ["whats", "telegram", "wa.me", "t.me", "signal", "viber", "wechat"],
  follow_bait: ["check", "sub", "follow", "visit", "link", "channel", "creator here", "youtuber", "like", "share"],
  text_to_claim: ["txt", "text", "sms", "send", "reply", "call"],
};

/** Any anchor at all: one scan that lets most messages skip the per-pattern checks. */
const ANY_ANCHOR = new RegExp(
  [...new Set(Object.values(ANCHORS).flat())].map((a) => a.replace(/[.$]/g, (c) => `\\${c}`)).join("|"),
  "i",
);

const PATTERNS: [SpamSignal, RegExp][] = [
  [
    "dm_to_earn",
    /\b(?:dm|message|inbox|text|contact|hmu|write)\b.{0,60}\b(?:earn|earning|income|profit|cash ?app|paid|make (?:money|\$?\d)|\$\s?\d{2,})|\b(?:earn|make)\s+\$?\d[\d,.]*\s*(?:k\b|usd|dollars|a day|per day|daily|weekly|a week)/i,
  ],
  [
    "crypto_pitch",
    /\b(?:bitcoin|btc|crypto|forex|usdt|ethereum|binary options?|nft|trading|trader|invest(?:ment|ing|ed)?)\b.{0,80}\b(?:profit|returns?|roi|earn(?:ed|ing)?|income|mentor|account manager|\d+\s?%|\$\s?\d)/i,
  ],
  [
    "giveaway",
    /\b(?:giveaway\b.{0,60}\b(?:won|winners?|claim|selected|chosen|prize|click|link|dm)\b|you(?:'ve| have)? (?:been )?(?:won|selected|chosen|awarded)\b(?!')|you(?:'re| are) (?:a|the|our) (?:lucky )?winner|(?:ur|you) (?:are )?awarded|claim (?:your|ur|the|a|this)? ?(?:prize|reward|gift|cash|offer)|free (?:iphone|gift ?card|voucher|entry|msg)|congratulations?\b.{0,40}\b(?:won|selected|prize|awarded)\b)/i,
  ],
  [
    "impersonation",
    /(?:@[\w.]{0,30}(?:support|official|help|care|service|admin|team)[\w.]{0,30}|\b(?:official (?:support|page|account|team)|customer (?:care|support) (?:team|page|desk)|help ?desk)\b).{0,80}\b(?:dm|contact|message|reach|whatsapp|telegram|pay|fee|verify|click|link|refund)/i,
  ],
  [
    "off_platform_contact",
    /\b(?:whats\s?app|telegram|wa\.me|t\.me|signal|viber|wechat)\b.{0,40}(?:\+?\d[\d\s-]{6,16}\d|@[\w.]{3,}|__phone)|(?:\+?\d[\d\s-]{6,16}\d|__phone).{0,40}\b(?:whats\s?app|telegram|signal|viber)\b/i,
  ],
  [
    "follow_bait",
    /\b(?:check (?:out )?(?:my|our) (?:channel|page|profile|bio|account|video|music|store|link|playlist)|check (?:it|this|them|'?em|me) out|check out this|(?:my|our) (?:new |own )?(?:youtube |yt |tiktok )?channel|new (?:youtuber|creator) here|subscribe\b|sub ?(?:4|for) ?sub|follow (?:me|back|for follow)|visit my (?:page|channel|profile)|link in (?:my )?bio|(?:like|share) (?:and|&) (?:subscribe|share|follow))/i,
  ],
  [
    "text_to_claim",
    /\b(?:txt|text|sms|send|reply)\s+[a-z]{2,10}\s+(?:to|2)\s+\d{4,6}\b|\breply (?:stop|yes|win|go|now)\b|\bcall (?:now |free )?(?:on )?(?:08|09)\d{8,9}\b/i,
  ],
];

export function detectSpamSignals(masked: string): SpamSignal[] {
  if (!ANY_ANCHOR.test(masked)) return [];
  const lower = masked.toLowerCase();
  const fired: SpamSignal[] = [];
  for (const [id, pattern] of PATTERNS) {
    if (ANCHORS[id].some((anchor) => lower.includes(anchor)) && pattern.test(masked)) fired.push(id);
  }
  return fired;
}
