import { sql, type SQL } from "drizzle-orm";
import { SPIKE_BUCKET_SECONDS } from "@surgedesk/shared";

/**
 * Buckets are aligned on the Unix epoch, never on the session's time zone: `date_trunc('hour',
 * timestamptz)` truncates in the session's zone, which would start hours at :15 UTC under
 * Asia/Kathmandu (+05:45) and mix two servers' data. Epoch arithmetic is the same everywhere;
 * the console shows the UTC buckets in the viewer's own zone.
 */
export function bucketStartMs(at: Date | number, bucketSeconds: number): number {
  const ms = typeof at === "number" ? at : at.getTime();
  const size = bucketSeconds * 1000;
  return Math.floor(ms / size) * size;
}

/** The same bucketing in SQL, for a timestamptz expression and a bucket size in seconds. */
export function bucketStartSql(timestamp: SQL, bucketSeconds: SQL): SQL {
  return sql`to_timestamp(floor(extract(epoch from ${timestamp}) / ${bucketSeconds}) * ${bucketSeconds})`;
}

/** `(values (60), (300), (3600)) as g(sec)`: every granularity is written by the same statement. */
export const granularitiesSql = sql.raw(`(values ${SPIKE_BUCKET_SECONDS.map((s) => `(${s})`).join(", ")}) as g(sec)`);

/** The minute a time falls in, as an integer (minutes since the epoch): the detector's index. */
export const minuteIndex = (ms: number) => Math.floor(ms / 60_000);
export const minuteStart = (index: number) => new Date(index * 60_000);
