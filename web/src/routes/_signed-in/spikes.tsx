import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { createFileRoute, Link, useNavigate } from "@tanstack/react-router";
import { z } from "zod";
import type { SpikeSeriesData } from "@surgedesk/shared";
import { AlertFeed } from "../../features/spikes/alert-feed.tsx";
import { ForecastPanel } from "../../features/spikes/forecast-panel.tsx";
import { percent, responseTime, WINDOWS } from "../../features/spikes/format.ts";
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
  if (!data) return { t: [], volume: [], share: [], backlog: [] };
  const perMinute = data.bucketSeconds / 60;
  return {
    t: data.t,
    volume: data.series.map((s) => ({ label: s.name, values: s.received.map((n) => n / perMinute) })),
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
            <span>
              <strong>{totals.received}</strong> messages ({totals.ratePerMinute.toFixed(1)}/min)
            </span>
            <span>
              <strong>{percent(totals.issueShare)}</strong> order & promo issues
            </span>
            <span>
              <strong>{percent(totals.negativeShare)}</strong> negative
            </span>
            <span>
              <strong>{totals.escalations}</strong> could escalate
            </span>
            <span>
              <strong>{totals.backlog}</strong> in backlog
            </span>
            <span>
              <strong>{responseTime(totals.medianFirstResponseSeconds)}</strong> median first reply
            </span>
            <span>
              <strong>{overview.data?.openAlerts ?? 0}</strong> open alerts
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
            <TimeChart title="Messages per minute, busiest posts" t={posts.t} lines={posts.volume} format={(v) => v.toFixed(1)} />
            <TimeChart title="Share of order and promo issues, busiest posts" t={posts.t} lines={posts.share} format={percent} />
          </>
        ) : (
          overview.isSuccess && <p className="empty">No comments in this window yet. Charts appear as messages arrive.</p>
        )}
        {platforms.t.length > 0 && <TimeChart title="Backlog (open and unanswered) per platform" t={platforms.t} lines={platforms.backlog} height={160} />}
        {overview.data && <TopSeriesTable title="Posts" rows={overview.data.posts} />}
        {overview.data && overview.data.campaigns.length > 0 && <TopSeriesTable title="Campaigns" rows={overview.data.campaigns} />}
      </div>
      <aside className="side-col">
        {forecast.data && <ForecastPanel forecast={forecast.data} />}
        <section aria-label="Alerts">
          <h2>Alerts</h2>
          {alerts.data && <AlertFeed alerts={alerts.data.items} />}
          {alerts.isError && <p className="error">Could not load alerts: {alerts.error.message}</p>}
        </section>
      </aside>
    </div>
  );
}
