import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router";
import { z } from "zod";
import type { SpikeSeriesData } from "@surgedesk/shared";
import { AlertFeed } from "../../features/spikes/alert-feed.tsx";
import { ForecastPanel } from "../../features/spikes/forecast-panel.tsx";
import { currentWindowText, noun, percent, perMinute, responseTime, WINDOWS } from "../../features/spikes/format.ts";
import { alertsQueryOptions, forecastQueryOptions, overviewQueryOptions, seriesQueryOptions } from "../../features/spikes/spike-queries.ts";
import { TimeChart } from "../../features/spikes/time-chart.tsx";
import { TopSeriesTable } from "../../features/spikes/top-series-table.tsx";
import "../../features/spikes/spikes.css";

const DEFAULT_MINUTES = 60;

const searchSchema = z.object({ minutes: z.coerce.number().int().min(5).max(10080).optional().catch(undefined) });

// A route file is split into its own chunk (autoCodeSplitting): the charting library loads
// only when someone opens this page, keeping the console's first load small.
export const Route = createFileRoute("/_signed-in/spikes")({
  validateSearch: searchSchema,
  loaderDeps: ({ search }) => ({ minutes: search.minutes ?? DEFAULT_MINUTES }),
  // The overview is the page; alerts and the forecast load alongside and show their own errors.
  loader: ({ context, deps }) => {
    void context.queryClient.prefetchQuery(alertsQueryOptions);
    void context.queryClient.prefetchQuery(forecastQueryOptions);
    return context.queryClient.ensureQueryData(overviewQueryOptions(deps.minutes));
  },
  component: SpikesPage,
  errorComponent: ({ error }) => <p className="error">Could not load the overview: {error instanceof Error ? error.message : "no answer"}</p>,
});

const CHARTED_POSTS = 5;

/** Per-minute rates and issue shares, one line per series, from a chart answer. */
function lines(data: SpikeSeriesData | undefined) {
  if (!data) return { t: [], inProgressFrom: null, volume: [], share: [], backlog: [] };
  const minutesPerBucket = data.bucketSeconds / 60;
  return {
    t: data.t,
    inProgressFrom: data.inProgressFrom,
    volume: data.series.map((s) => ({ label: s.name, values: s.received.map((n) => n / minutesPerBucket) })),
    share: data.series.map((s) => ({ label: s.name, values: s.received.map((n, i) => (n > 0 ? s.issue[i]! / n : null)) })),
    backlog: data.series.map((s) => ({ label: s.name, values: s.backlog })),
  };
}

function SpikesPage() {
  const minutes = Route.useSearch().minutes ?? DEFAULT_MINUTES;
  const navigate = useNavigate({ from: "/spikes" });
  const overview = useQuery(overviewQueryOptions(minutes));
  const postIds = useMemo(() => (overview.data?.posts ?? []).slice(0, CHARTED_POSTS).map((p) => p.id), [overview.data]);
  const platformIds = useMemo(() => (overview.data?.platforms ?? []).map((p) => p.id), [overview.data]);
  const postSeries = useQuery(seriesQueryOptions("post", postIds, minutes));
  const platformSeries = useQuery(seriesQueryOptions("platform", platformIds, minutes));
  const alerts = useQuery(alertsQueryOptions);
  const forecast = useQuery(forecastQueryOptions);
  const posts = useMemo(() => lines(postSeries.data), [postSeries.data]);
  const platforms = useMemo(() => lines(platformSeries.data), [platformSeries.data]);
  const totals = overview.data?.totals;
  const windowTitle = WINDOWS.find((w) => w.minutes === minutes)?.title ?? `${minutes} min`;
  // The fastest surging post now, by the same figures as its row and its alert.
  const surging = (overview.data?.posts ?? []).filter((p) => p.openAlert).sort((a, b) => b.current.ratePerMinute - a.current.ratePerMinute)[0];

  return (
    <div className="spikes">
      <header>
        <h1>Spikes</h1>
        <div className="window" role="group" aria-label="Window">
          {WINDOWS.map((w) => (
            <button key={w.minutes} aria-pressed={w.minutes === minutes} onClick={() => void navigate({ search: { minutes: w.minutes } })}>
              {w.title}
            </button>
          ))}
        </div>
        {totals && (
          <div className="totals">
            <span title={`Messages per minute over ${currentWindowText(overview.data!.currentWindow)}`}>
              <strong className="current-rate">{perMinute(totals.current.ratePerMinute)}</strong>/min now
            </span>
            {surging && (
              <span className="surging-now" data-series-id={surging.id}>
                Surging: {surging.name} at <strong className="current-rate">{perMinute(surging.current.ratePerMinute)}</strong>/min now,{" "}
                <strong className="at-risk">{surging.current.atRisk}</strong> at risk
              </span>
            )}
            <span title="Open messages at medium or high escalation risk now (the Escalations queue)">
              <strong className="at-risk">{totals.current.atRisk}</strong> at risk now
            </span>
            <span>
              <strong className="received">{totals.received}</strong> {noun(totals.received, "message", "messages")} in {windowTitle} (average {perMinute(totals.windowAveragePerMinute)}/min)
            </span>
            <span>
              <strong>{percent(totals.issueShare)}</strong> order & promo issues
            </span>
            <span>
              <strong>{percent(totals.negativeShare)}</strong> negative
            </span>
            <span>
              <strong>{totals.backlog}</strong> in backlog
            </span>
            <span>
              <strong>{responseTime(totals.medianFirstResponseSeconds)}</strong> median first reply
            </span>
            <span>
              <strong>{overview.data?.openAlerts ?? 0}</strong> open {noun(overview.data?.openAlerts ?? 0, "alert", "alerts")}
            </span>
          </div>
        )}
        {overview.isError && <p className="error">Could not load the overview: {overview.error.message}</p>}
        <Link to="/spikes/settings" className="settings-link">
          Campaigns and alerts
        </Link>
      </header>
      <div className="main-col">
        {posts.t.length > 0 && posts.volume.length > 0 ? (
          <>
            <TimeChart title="Messages per minute, busiest posts" t={posts.t} lines={posts.volume} format={perMinute} inProgressFrom={posts.inProgressFrom} />
            <TimeChart title="Share of order and promo issues, busiest posts" t={posts.t} lines={posts.share} format={percent} inProgressFrom={posts.inProgressFrom} />
          </>
        ) : (
          overview.isSuccess && <p className="empty">No comments in this window yet. Charts appear as messages arrive.</p>
        )}
        {platforms.t.length > 0 && <TimeChart title="Backlog (open and unanswered) per platform" t={platforms.t} lines={platforms.backlog} height={160} />}
        {overview.data && <TopSeriesTable title="Posts" rows={overview.data.posts} windowTitle={windowTitle} currentWindow={overview.data.currentWindow} />}
        {overview.data && overview.data.campaigns.length > 0 && (
          <TopSeriesTable title="Campaigns" rows={overview.data.campaigns} windowTitle={windowTitle} currentWindow={overview.data.currentWindow} />
        )}
      </div>
      <aside className="side-col">
        {forecast.data && <ForecastPanel forecast={forecast.data} />}
        <section aria-label="Alerts">
          <h2>Alerts</h2>
          {alerts.data && <AlertFeed alerts={alerts.data.items} currentWindow={alerts.data.currentWindow} />}
          {alerts.isError && <p className="error">Could not load alerts: {alerts.error.message}</p>}
        </section>
      </aside>
    </div>
  );
}
