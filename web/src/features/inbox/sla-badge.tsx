import { slaTimer, type Message } from "@surgedesk/shared";

/** "3 h", "25 min", "2 d": how long until, or since, a target. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/**
 * The first-response timer from the deadlines of the SLA policy that matched the message: time
 * left, a warning, how late it is, or paused while snoozed. Nothing once answered in time, nor for
 * a message with no SLA (praise, spam).
 */
export function SlaBadge({ message, now }: { message: Message; now: number }) {
  const timer = slaTimer(message, now);
  if (!timer.breachAt) return null;
  switch (timer.state) {
    case "ok":
      return <span className="sla sla-ok" title="First response due">{formatSpan(timer.breachAt.getTime() - now)} left</span>;
    case "warning":
      return <span className="sla sla-warning" title="First response due soon">due in {formatSpan(timer.breachAt.getTime() - now)}</span>;
    case "breached":
      return <span className="sla sla-breached" title="First-response target missed">late {formatSpan(now - timer.breachAt.getTime())}</span>;
    case "paused":
      return <span className="sla sla-paused" title="The clock is stopped while snoozed">SLA paused</span>;
    case "late":
      return <span className="sla sla-late">answered late</span>;
    default:
      return null;
  }
}
