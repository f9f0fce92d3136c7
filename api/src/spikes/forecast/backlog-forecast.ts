import { forecastSentence, type BacklogForecast, type ForecastGroup } from "@surgedesk/shared";

export interface ForecastInput {
  group: ForecastGroup;
  /** Open and unanswered now. */
  backlog: number;
  /** Messages that arrived, and that left the backlog, over the last `windowMinutes`. */
  arrivals: number;
  handled: number;
  windowMinutes: number;
}

/**
 * Time to clear a backlog at the team's recent pace. The backlog shrinks at (handle rate −
 * arrival rate): if that is positive it clears in backlog ÷ that; if not, it does not clear at
 * this pace (it holds or grows). "If arrivals stopped" divides by the handle rate alone, the
 * best case to plan staffing against.
 *
 * @example computeForecast({ group: "order_issues", backlog: 190, arrivals: 30, handled: 60, windowMinutes: 30 })
 *   // 1/min net → clears in 190 min: "At this rate, the order-issue backlog clears in 3 h 10 min."
 */
export function computeForecast(input: ForecastInput): BacklogForecast {
  const minutes = Math.max(1, input.windowMinutes);
  const arrivalRate = input.arrivals / minutes;
  const handleRate = Math.max(0, input.handled) / minutes;
  const backlog = Math.max(0, input.backlog);
  const net = handleRate - arrivalRate;
  const clearsInMinutes = backlog === 0 ? 0 : net > 0 ? backlog / net : null;
  const clearsInMinutesIfArrivalsStop = backlog === 0 ? 0 : handleRate > 0 ? backlog / handleRate : null;
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const forecast = {
    group: input.group,
    backlog,
    arrivalsPerHour: Math.round(arrivalRate * 60 * 10) / 10,
    handledPerHour: Math.round(handleRate * 60 * 10) / 10,
    clearsInMinutes: round(clearsInMinutes),
    clearsInMinutesIfArrivalsStop: round(clearsInMinutesIfArrivalsStop),
    growing: backlog > 0 && net < 0,
  };
  return { ...forecast, text: forecastSentence(forecast) };
}
