import { Link } from "@tanstack/react-router";
import { LABEL_INFO, type SpikeAlert } from "@surgedesk/shared";
import { timeAgo } from "../../lib/format.ts";
import { percent } from "./format.ts";

const TRIGGER_TITLES = { volume: "volume", issue_share: "issue share" } as const;

/** Surge alerts, newest first: what surged, by how much, which labels, and what is not ready. */
export function AlertFeed({ alerts }: { alerts: SpikeAlert[] }) {
  if (alerts.length === 0) return <p className="empty">No surges so far. Alerts appear here as the detector sees them.</p>;
  return (
    <ol className="alert-feed">
      {alerts.map((alert) => {
        const n = alert.status === "open" ? alert.numbers : alert.peak;
        const missing = alert.readiness.filter((r) => !r.ready);
        return (
          <li key={alert.id} className={`alert-item ${alert.status} ${alert.severity}`}>
            <header>
              <strong>{alert.seriesName}</strong>
              <span className={`surge-tag ${alert.severity}`}>{alert.status === "open" ? alert.severity : "resolved"}</span>
              <time dateTime={alert.detectedAt} title={new Date(alert.detectedAt).toLocaleString()}>
                {timeAgo(alert.detectedAt)}
              </time>
            </header>
            <p>
              {alert.triggers.map((t) => TRIGGER_TITLES[t]).join(" + ")} surge: {n.ratePerMinute.toFixed(1)}/min vs {n.baselinePerMinute.toFixed(1)} usual (
              {n.ratio.toFixed(1)}×), issues {percent(n.issueShare)} (usual {percent(n.baselineIssueShare)}), {n.escalationsHigh} high-risk
            </p>
            {n.labels.length > 0 && <p className="muted">Driven by {n.labels.map((l) => `${LABEL_INFO[l.label].title} (${l.count})`).join(", ")}</p>}
            {missing.length > 0 && (
              <p className="not-ready">
                No macro ready for {missing.map((r) => LABEL_INFO[r.label].title).join(", ")}
                {missing[0]?.suggestion && <> — add “{missing[0].suggestion}”</>}
              </p>
            )}
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
