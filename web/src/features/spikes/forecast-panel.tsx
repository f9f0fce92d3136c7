import type { SpikeForecast } from "@surgedesk/shared";

/** Backlog and when it clears at the team's recent pace, per group of case types. */
export function ForecastPanel({ forecast }: { forecast: SpikeForecast }) {
  return (
    <section className="forecast" aria-label="Backlog forecast">
      <h2>Backlog forecast</h2>
      <ul>
        {forecast.groups.map((g) => (
          <li key={g.group} className={g.growing ? "growing" : undefined}>
            <strong>{g.backlog}</strong> open · {g.arrivalsPerHour}/h in, {g.handledPerHour}/h handled
            <p>{g.text}</p>
          </li>
        ))}
      </ul>
      <p className="muted">Rates over the last {forecast.rateWindowMinutes} minutes.</p>
    </section>
  );
}
