import { useEffect, useState } from "react";

/** The time, refreshed every `everyMs`: SLA timers and "3 min ago" move on without a reload. */
export function useNow(everyMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
