import { Link } from "@tanstack/react-router";
import { LABEL_INFO, type CurrentWindow, type SpikeAlert, type SpikeReadiness } from "@surgedesk/shared";
import { timeAgo } from "../../lib/format.ts";
import { clockTime, count, currentWindowText, fullDateTime, percent, perMinute } from "./format.ts";
import { SeriesName } from "./series-name.tsx";

const TRIGGER_TITLES = { volume: "Volume", issue_share: "Issue share" } as const;
const triggerText = (alert: SpikeAlert) => alert.triggers.map((t) => TRIGGER_TITLES[t]).join(" + ");

/** For every label driving the surge: the macros ready for it, or the one to write. */
function Readiness({ alert }: { alert: SpikeAlert }) {
  const n = alert.status === "open" ? alert.numbers : alert.peak;
  const byLabel = new Map<string, SpikeReadiness>(alert.readiness.map((r) => [r.label, r]));
  const labels = [...new Set([...n.labels.map((l) => l.label), ...alert.readiness.map((r) => r.label)])];
  if (labels.length === 0) return null;
  return (
    <ul className="readiness" aria-label="Macro readiness">
      {labels.map((label) => {
        const r = byLabel.get(label);
        const title = LABEL_INFO[label].title;
        if (!r) return <li key={label} className="muted">{title}: no reply macro needed</li>;
        return r.ready ? (
          <li key={label} className="ready">
            {title}: ready — {r.macros.map((m) => `“${m.title}”`).join(", ")}
          </li>
        ) : (
          <li key={label} className="not-ready">
            {title}: no macro ready{r.suggestion && <> — add “{r.suggestion}”</>}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Surge alerts, newest first: what surged (a post, with its platform), how fast it runs now —
 * the same current rate and at-risk count as its row in the posts table and the header — what
 * the detector saw, which labels drive it and whether the brand has macros for them.
 */
export function AlertFeed({ alerts, currentWindow }: { alerts: SpikeAlert[]; currentWindow: CurrentWindow }) {
  if (alerts.length === 0) return <p className="empty">No surges so far. Alerts appear here as the detector sees them.</p>;
  return (
    <ol className="alert-feed">
      {alerts.map((alert) => {
        const open = alert.status === "open";
        const n = open ? alert.numbers : alert.peak;
        return (
          <li key={alert.id} className={`alert-item ${alert.status} ${alert.severity}`} data-series-id={alert.seriesId}>
            <header>
              <SeriesName name={alert.seriesName} platform={alert.platform} post={alert.post} linkToQueue={false} />
              <span className={`surge-tag ${alert.severity}`}>{open ? alert.severity : "resolved"}</span>
              <time dateTime={alert.detectedAt} title={fullDateTime(alert.detectedAt)}>
                {timeAgo(alert.detectedAt)}
              </time>
            </header>
            {open ? (
              <p className="alert-now" title={`Over ${currentWindowText(currentWindow)}`}>
                Now <strong className="current-rate">{perMinute(alert.current.ratePerMinute)}</strong>/min (usual {perMinute(n.baselinePerMinute)}/min) ·{" "}
                <strong className="at-risk">{alert.current.atRisk}</strong> at risk
              </p>
            ) : (
              <p className="alert-now">
                Resolved at {clockTime(alert.resolvedAt ?? alert.detectedAt)}; peaked at {n.ratio.toFixed(1)}× the usual
              </p>
            )}
            <p className="muted">
              {triggerText(alert)} surge from {clockTime(alert.startedAt)}: {count(n.received, "message", "messages")} in the {n.windowMinutes.toFixed(1)} min tested,{" "}
              {n.ratio.toFixed(1)}× the usual; issues {percent(n.issueShare)} (usual {percent(n.baselineIssueShare)})
            </p>
            {n.labels.length > 0 && <p className="muted">Driven by {n.labels.map((l) => `${LABEL_INFO[l.label].title} (${l.count})`).join(", ")}</p>}
            <Readiness alert={alert} />
            {alert.post && (
              <Link to="/inbox" search={{ postId: alert.post.id }}>
                Open the post's queue
              </Link>
            )}
          </li>
        );
      })}
    </ol>
  );
}
