import type { Label, MessageKind, Platform, SpikeTrigger } from "@surgedesk/shared";

/** A post of the scenario, named by a key; the delivery gives it a platform id. */
export interface ScenarioPost {
  key: string;
  platform: Platform;
  caption: string;
}

/** Customers writing at a rate that may change over the scenario's minutes. */
export interface TrafficStream {
  /** The post commented on; null for DMs to the brand's account on `platform`. */
  post: string | null;
  platform: Platform;
  kind: MessageKind;
  /** Messages per minute at a (fractional) minute since the scenario started. */
  ratePerMinute(minute: number): number;
  /** Relative weights of labels at that minute. */
  labelMix(minute: number): Partial<Record<Label, number>>;
  /** Expected replies each top-level comment draws ("same here!"), which makes traffic bursty. */
  replyRate?: number;
  /** Share of a thread's replies that repeat the parent's case (the rest follow the mix). */
  replySameLabel?: number;
}

/** A surge the scenario contains on purpose: what the evaluation expects the detector to see. */
export interface SurgeTruth {
  post: string;
  trigger: SpikeTrigger;
  startMinute: number;
  endMinute: number;
  description: string;
  /** For a step in volume: the post's rate before it, per minute (the bar's judge uses it). */
  fromPerMinute?: number;
  /** …and how many times that rate it steps to. */
  ratio?: number;
}

export interface Scenario {
  name: string;
  description: string;
  durationMinutes: number;
  /** Minutes at the start that only build baselines: alerts there are not judged. */
  warmupMinutes: number;
  posts: ScenarioPost[];
  campaigns: { name: string; creatorHandle?: string; posts: string[] }[];
  streams: TrafficStream[];
  surges: SurgeTruth[];
}

/** One customer message the scenario plays, at `atMs` after the scenario's start. */
export interface ScenarioMessage {
  index: number;
  atMs: number;
  platform: Platform;
  kind: MessageKind;
  post: string | null;
  label: Label;
  text: string;
  /** A stable made-up customer id (the same customer may write more than once). */
  author: number;
  /** The message (by index) this one replies to, for comment threads. */
  parent: number | null;
}
