import { LABELS, type Label } from "@surgedesk/shared";
import { seededRandom } from "@surgedesk/api/nlp/random.ts";
import type { LabelledTexts } from "./labelled-texts.ts";
import type { Scenario, ScenarioMessage, TrafficStream } from "./scenario.ts";

const MINUTE = 60_000;

/** Poisson draw: inversion for small means, a rounded normal for large ones. */
export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function pickLabel(mix: Partial<Record<Label, number>>, random: () => number): Label {
  const entries = LABELS.map((l) => [l, mix[l] ?? 0] as const).filter(([, w]) => w > 0);
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [label, weight] of entries) {
    r -= weight;
    if (r <= 0) return label;
  }
  return entries.at(-1)?.[0] ?? "other";
}

/**
 * Plays a scenario's streams into one time-ordered list of messages, reproducibly for a seed:
 * each quarter-minute of each stream draws a Poisson count at its rate, spread uniformly
 * in it; each top-level comment draws Poisson(`replyRate`) replies over the next minutes,
 * as real threads do ("same here, order #…"), which makes the traffic over-dispersed.
 */
export function generateTraffic(scenario: Scenario, texts: LabelledTexts, seed = 1): ScenarioMessage[] {
  const random = seededRandom(seed);
  const drafts: Omit<ScenarioMessage, "index" | "parent" | "text">[] = [];
  const parents: (number | null)[] = [];
  let authors = 0;
  const end = scenario.durationMinutes * MINUTE;

  const emit = (stream: TrafficStream, atMs: number, label: Label, parent: number | null) => {
    drafts.push({ atMs, platform: stream.platform, kind: stream.kind, post: stream.post, label, author: (authors += 1) });
    parents.push(parent);
    return drafts.length - 1;
  };

  for (const stream of scenario.streams) {
    // Quarter-minute slices, so ramps and bursts within a minute keep their shape.
    for (let slice = 0; slice < scenario.durationMinutes * 4; slice++) {
      const count = poisson(stream.ratePerMinute((slice + 0.5) / 4) / 4, random);
      for (let i = 0; i < count; i++) {
        const atMs = ((slice + random()) / 4) * MINUTE;
        const label = pickLabel(stream.labelMix(atMs / MINUTE), random);
        const top = emit(stream, atMs, label, null);
        if (stream.kind !== "comment" || !stream.replyRate) continue;
        const replies = poisson(stream.replyRate, random);
        for (let r = 0; r < replies; r++) {
          const replyAt = atMs + -Math.log(Math.max(random(), 1e-12)) * 3 * MINUTE;
          if (replyAt >= end) continue;
          const replyLabel = random() < (stream.replySameLabel ?? 0.5) ? label : pickLabel(stream.labelMix(replyAt / MINUTE), random);
          emit(stream, replyAt, replyLabel, top);
        }
      }
    }
  }

  const order = drafts.map((_, i) => i).sort((a, b) => drafts[a]!.atMs - drafts[b]!.atMs || a - b);
  const newIndex = new Map(order.map((old, i) => [old, i]));
  return order.map((old, i) => {
    const draft = drafts[old]!;
    const pool = texts[draft.label][draft.kind];
    const parent = parents[old] ?? null;
    return {
      ...draft,
      index: i,
      text: pool[Math.floor(random() * pool.length)] ?? "hi",
      parent: parent === null ? null : (newIndex.get(parent) ?? null),
    };
  });
}
