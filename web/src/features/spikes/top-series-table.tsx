import { LABEL_INFO, type CurrentWindow, type SpikeSeriesSummary } from "@surgedesk/shared";
import { currentWindowText, percent, perMinute, responseTime } from "./format.ts";
import { SeriesName } from "./series-name.tsx";

/**
 * Top posts (or campaigns) by support load; a post opens its queue in the inbox. "Now" and "At
 * risk" are the API's one definition of now (the same figures as the alerts and the header);
 * the window's average is labelled as such.
 */
export function TopSeriesTable({ rows, title, windowTitle, currentWindow }: { rows: SpikeSeriesSummary[]; title: string; windowTitle: string; currentWindow: CurrentWindow }) {
  if (rows.length === 0) return <p className="empty">No {title.toLowerCase()} with messages in this window.</p>;
  const nowTitle = `Messages per minute over ${currentWindowText(currentWindow)}`;
  return (
    <table className="spike-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{title === "Posts" ? "Post" : "Name"}</th>
          <th scope="col">Messages ({windowTitle})</th>
          <th scope="col" title={nowTitle}>
            Now /min
          </th>
          <th scope="col" title={`Messages per minute on average over the last ${windowTitle}`}>
            Average /min ({windowTitle})
          </th>
          <th scope="col">Issues</th>
          <th scope="col">Negative</th>
          <th scope="col" title="Open messages at medium or high escalation risk now (the Escalations queue)">
            At risk now
          </th>
          <th scope="col">Backlog</th>
          <th scope="col">1st reply</th>
          <th scope="col">Top case types</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.openAlert ? `alerting alert-${row.openAlert.severity}` : undefined} data-series-id={row.id}>
            <th scope="row">
              <SeriesName name={row.name} platform={row.platform} post={row.post} />
              {row.openAlert && <span className={`surge-tag ${row.openAlert.severity}`}>surging</span>}
            </th>
            <td>{row.received}</td>
            <td className="current-rate">{perMinute(row.current.ratePerMinute)}</td>
            <td>{perMinute(row.windowAveragePerMinute)}</td>
            <td>{percent(row.issueShare)}</td>
            <td>{percent(row.negativeShare)}</td>
            <td className="at-risk">{row.current.atRisk}</td>
            <td>{row.backlog}</td>
            <td>{responseTime(row.medianFirstResponseSeconds)}</td>
            <td className="labels">{row.topLabels.map((l) => `${LABEL_INFO[l.label].title} ${l.count}`).join(" · ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
