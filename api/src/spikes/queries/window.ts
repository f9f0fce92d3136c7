import type { SpikeBucketSeconds } from "@surgedesk/shared";
import { bucketStartMs } from "../metrics/bucket-time.ts";

/** The smallest bucket that keeps a window under ~400 points: 1 min up to 6 h, 5 min up to 1 d. */
export function bucketFor(minutes: number): SpikeBucketSeconds {
  if (minutes <= 360) return 60;
  if (minutes <= 1440) return 300;
  return 3600;
}

/** A window of whole buckets ending with the bucket that holds `now` (so it is live). */
export function windowEndingAt(now: Date, minutes: number, bucketSeconds: number): { from: Date; to: Date } {
  const to = bucketStartMs(now, bucketSeconds) + bucketSeconds * 1000;
  const from = to - Math.ceil((minutes * 60) / bucketSeconds) * bucketSeconds * 1000;
  return { from: new Date(from), to: new Date(to) };
}
