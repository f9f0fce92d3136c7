import { LABELS } from "@surgedesk/shared";

/** What the detector reads of one series in one minute (or summed over a window). */
export interface MinuteCounts {
  received: number;
  issue: number;
  negative: number;
  escalationMedium: number;
  escalationHigh: number;
  /** Per label, indexed like `LABELS`. */
  labels: number[];
}

export function emptyCounts(): MinuteCounts {
  return { received: 0, issue: 0, negative: 0, escalationMedium: 0, escalationHigh: 0, labels: LABELS.map(() => 0) };
}

export function addCounts(into: MinuteCounts, other: MinuteCounts): MinuteCounts {
  into.received += other.received;
  into.issue += other.issue;
  into.negative += other.negative;
  into.escalationMedium += other.escalationMedium;
  into.escalationHigh += other.escalationHigh;
  for (let i = 0; i < into.labels.length; i++) into.labels[i]! += other.labels[i] ?? 0;
  return into;
}
