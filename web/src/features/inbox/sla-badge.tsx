import { slaTimer, type Message, type SlaPolicy } from "@surgedesk/shared";

/** "3 h", "25 min", "2 d": how long until, or since, a target. */
export function formatSpan(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

/** The first-response timer: time left, a warning, or how late it is. Nothing once answered in time. */
export function SlaBadge({ message, policy, now }: { message: Message; policy: SlaPolicy | undefined; now: number }) {
  if (!policy) return null;
  const timer = slaTimer(message, policy, now);
  switch (timer.state) {
    case "ok":
      return <span className="sla sla-ok" title="First response due">{formatSpan(timer.breachAt.getTime() - now)} left</span>;
    case "warning":
      return <span className="sla sla-warning" title="First response due soon">due in {formatSpan(timer.breachAt.getTime() - now)}</span>;
    case "breached":
      return <span className="sla sla-breached" title="First-response target missed">late {formatSpan(now - timer.breachAt.getTime())}</span>;
    case "late":
      return <span className="sla sla-late">answered late</span>;
    default:
      return null;
  }
}
