import type { Label } from "@surgedesk/shared";
import { seededRandom } from "@surgedesk/api/nlp/random.ts";

/** What a brand's comments look like on an ordinary day: mostly praise and questions. */
export const QUIET_COMMENT_MIX: Partial<Record<Label, number>> = {
  praise: 26,
  product_question: 20,
  other: 18,
  order_status: 8,
  promo_confusion: 5,
  spam_scam: 5,
  not_received: 3,
  return_refund: 3,
  damaged_item: 2,
  wrong_or_missing_item: 2,
  cancel_change: 2,
  payment_issue: 2,
};

/** DMs are mostly about orders. */
export const DM_MIX: Partial<Record<Label, number>> = {
  order_status: 30,
  product_question: 12,
  not_received: 10,
  return_refund: 10,
  damaged_item: 8,
  wrong_or_missing_item: 6,
  cancel_change: 6,
  payment_issue: 6,
  promo_confusion: 6,
  other: 6,
};

/** A viral video's comments once buyers wait for orders and fight with the creator's code. */
export const VIRAL_COMMENT_MIX: Partial<Record<Label, number>> = {
  order_status: 30,
  promo_confusion: 22,
  praise: 14,
  product_question: 10,
  other: 8,
  not_received: 6,
  spam_scam: 4,
  payment_issue: 3,
  return_refund: 3,
};

/** Comment traffic follows the day: busiest in the evening, quietest before dawn (×0.4–×1.6). */
export function dailyRhythm(minute: number, startHourUtc = 8): number {
  const hour = (startHourUtc + minute / 60) % 24;
  return 1 + 0.6 * Math.sin((2 * Math.PI * (hour - 13)) / 24);
}

/** Linear ramp from `from` to `to` between two minutes, flat outside. */
export function ramp(minute: number, start: number, end: number, from: number, to: number): number {
  if (minute <= start) return from;
  if (minute >= end) return to;
  return from + ((minute - start) / (end - start)) * (to - from);
}

/** Blends two label mixes: `t` = 0 gives `a`, 1 gives `b`. */
export function blendMix(a: Partial<Record<Label, number>>, b: Partial<Record<Label, number>>, t: number): Partial<Record<Label, number>> {
  const labels = new Set([...Object.keys(a), ...Object.keys(b)] as Label[]);
  return Object.fromEntries([...labels].map((l) => [l, (1 - t) * (a[l] ?? 0) + t * (b[l] ?? 0)]));
}

/**
 * Per-post base rates for an ordinary catalogue: log-normal (most posts get a comment an hour
 * or less, a few get one a minute), reproducible for a seed.
 */
export function quietPostRates(count: number, seed: number, { median = 0.04, spread = 1.1, cap = 1.5 } = {}): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const u = Math.max(random(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.min(cap, median * Math.exp(spread * z));
  });
}
