import { Link } from "@tanstack/react-router";
import { LABEL_INFO, type SpikeSeriesSummary } from "@surgedesk/shared";
import { PLATFORM_NAMES } from "../../lib/format.ts";
import { percent, responseTime } from "./format.ts";

/** Top posts (or campaigns) by support load; a post opens its queue in the inbox. */
export function TopSeriesTable({ rows, title }: { rows: SpikeSeriesSummary[]; title: string }) {
  if (rows.length === 0) return <p className="empty">No {title.toLowerCase()} with messages in this window.</p>;
  return (
    <table className="spike-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{title === "Posts" ? "Post" : "Name"}</th>
          <th scope="col">Messages</th>
          <th scope="col">/min</th>
          <th scope="col">Issues</th>
          <th scope="col">Negative</th>
          <th scope="col">At risk</th>
          <th scope="col">Backlog</th>
          <th scope="col">1st reply</th>
          <th scope="col">Top case types</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.openAlert ? `alerting alert-${row.openAlert.severity}` : undefined}>
            <th scope="row">
              {row.kind === "post" ? (
                <Link to="/inbox" search={{ postId: row.id }} title="Open this post's queue">
                  {row.name}
                </Link>
              ) : (
                row.name
              )}
              {row.platform && <span className={`badge platform-${row.platform}`}>{PLATFORM_NAMES[row.platform]}</span>}
              {row.openAlert && <span className={`surge-tag ${row.openAlert.severity}`}>surging</span>}
            </th>
            <td>{row.received}</td>
            <td>{row.ratePerMinute.toFixed(1)}</td>
            <td>{percent(row.issueShare)}</td>
            <td>{percent(row.negativeShare)}</td>
            <td>{row.escalations}</td>
            <td>{row.backlog}</td>
            <td>{responseTime(row.medianFirstResponseSeconds)}</td>
            <td className="labels">{row.topLabels.map((l) => `${LABEL_INFO[l.label].title} ${l.count}`).join(" · ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
