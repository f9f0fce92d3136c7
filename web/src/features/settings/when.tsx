import { exactTime, relativeTime } from "./time-words.ts";

/** A time in words, the exact time on hover and for screen readers. */
export function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={exactTime(at)}>
      {relativeTime(at)}
    </time>
  );
}
