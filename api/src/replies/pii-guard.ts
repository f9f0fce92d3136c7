import { extractEntities } from "../nlp/entities.ts";
import { sanitize } from "../nlp/sanitize.ts";

export interface PiiFinding {
  kind: "order number" | "email address" | "phone number" | "street address" | "tracking number";
  value: string;
}

// A house number, up to four words, then a street word: "221 Baker Street", "12 Oak Ave".
const STREET_EN =
  /\b\d{1,5}[ \t]+(?:[A-Za-zÀ-ÿ0-9.'-]+[ \t]+){0,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|parkway|pkwy)\b\.?/i;
// Spanish order: street word, name, number: "Calle Mayor 12", "Av. Insurgentes 1500".
const STREET_ES = /\b(?:calle|avenida|av\.|avda\.?|c\/|carrera|paseo|plaza)[ \t]+(?:[A-Za-zÀ-ÿ.'-]+[ \t]+){1,4}(?:no\.?[ \t]*)?\d{1,5}\b/i;
// A carrier link gives the parcel away as surely as its number does.
const TRACKING_LINK = /\b(?:track|tracking|rastreo|seguimiento|tracknum|tLabels)\b/i;

/**
 * What in a reply would expose a customer's order or identity if posted publicly: order
 * numbers (shop and TikTok), emails, phones, street addresses and tracking numbers or links.
 * The entity rules are the classifier's own, so what it finds in a comment it finds here.
 */
export function findPii(text: string): PiiFinding[] {
  const clean = sanitize(text);
  const { entities } = extractEntities(clean);
  const findings: PiiFinding[] = [
    ...entities.orderNumbers.map((value) => ({ kind: "order number" as const, value })),
    ...entities.tiktokOrderIds.map((value) => ({ kind: "order number" as const, value })),
    ...entities.emails.map((value) => ({ kind: "email address" as const, value })),
    ...entities.phones.map((value) => ({ kind: "phone number" as const, value })),
    ...entities.trackingNumbers.map((value) => ({ kind: "tracking number" as const, value })),
    ...entities.urls.filter((url) => TRACKING_LINK.test(url)).map((value) => ({ kind: "tracking number" as const, value })),
  ];
  for (const pattern of [STREET_EN, STREET_ES]) {
    const match = pattern.exec(clean);
    if (match) findings.push({ kind: "street address", value: match[0] });
  }
  return findings;
}

/** The refusal an agent reads, or null when the text may be posted publicly. */
export function publicReplyProblem(text: string): string | null {
  const findings = findPii(text);
  if (findings.length === 0) return null;
  const kinds = [...new Set(findings.map((f) => f.kind))];
  return `A public reply must not contain ${kinds.join(", ")} (${findings.map((f) => `"${f.value}"`).join(", ")}). Move the details to a private message.`;
}
