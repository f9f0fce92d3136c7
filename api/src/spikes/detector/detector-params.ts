/**
 * The surge detector's parameters. The method, in short (details beside each function):
 *
 * **Volume.** Each series (a post, a campaign, a platform) keeps a Gamma–Poisson baseline of its
 * comments-and-DMs rate: exponentially weighted sums of counts `a` and of minutes `b` (half-life
 * `halfLifeMinutes`), so the rate `a/b` adapts to slow change and `b` says how much history backs
 * it (a young series has a wide baseline). No seasonal model: the half-life follows the daily
 * rhythm closely enough, and the ratio gate below absorbs what it lags. Counts in a window of `e`
 * minutes are tested against the predictive negative binomial: mean `e·a/b`, with the series'
 * own over-dispersion `φ` (replies come in threads; estimated online from Pearson residuals) and
 * a small rate wobble `rateCv`. The p-value's −log10 is the *surprise*.
 *
 * **Scan.** Beside those fixed windows, a likelihood-ratio scan: for every window ending now
 * over the recent minutes, the log-likelihood ratio of "the rate is `scan.ratio`× the baseline"
 * against "it is the baseline", on dispersion-scaled counts; its largest value is Page's CUSUM
 * over those minutes, the quickest test for a step of that size at a given false-alarm rate. It
 * fires at `scan.threshold` nats (13: over 16 simulated quiet days it added no false alert) and
 * catches 5× steps on quiet posts up to a minute before the fixed windows do. It takes the
 * baseline as known, so it waits until the baseline rests on `scan.minBaselineMessages`: a new
 * post's first burst is judged by the surprise test, which allows for how little is known.
 *
 * **Issue share.** The share of issue labels (order problems, promo confusion) has a Beta
 * baseline from the same weighted counts, its concentration capped at `maxShareConcentration`
 * because label mixes drift minute to minute. The number of issue messages in a window is tested
 * against the beta-binomial predictive: a share surge is caught even at constant volume.
 *
 * **Alerting.** A test fires only if it is very surprising *and* big enough to matter: a minimum
 * volume (quiet posts never alert on noise: ≥ `minCount` messages at ≥ `minRatePerMinute`), a
 * minimum ratio or lift over the baseline (a large series' tiny but "significant" drift is not a
 * surge). Windows end at the detector's clock and
 * span the current partial minute plus 0–5 complete ones, so a surge is seen within a minute or
 * two. Minutes join the baseline only `latenessMinutes` after they end (late deliveries, polled
 * platforms), and a surprising minute teaches the baseline only up to its 99.9th percentile, so
 * a surge does not become its own baseline at once — yet a lasting new level is learned within
 * about a half-life. An alert escalates to critical on a ≥ `escalate.ratio`× rate, on volume and
 * share surging together, or on many high-risk messages; it resolves after `resolve.calmMinutes`
 * complete minutes in which not even the loose test fired.
 *
 * Tuned on the scenarios in devkit/src/simulator/scenarios (see docs/spikes.md for the figures).
 */
export interface DetectorParams {
  halfLifeMinutes: number;
  /** Prior rate (per minute) and its weight in minutes, for a series with little history. */
  priorRatePerMinute: number;
  priorMinutes: number;
  /** Minute-to-minute wobble of the true rate, as a coefficient of variation. */
  rateCv: number;
  /** Prior dispersion and its weight (minutes), and the slower memory of the dispersion. */
  priorDispersion: number;
  priorDispersionMinutes: number;
  dispersionHalfLifeMinutes: number;
  maxDispersion: number;
  priorIssueShare: number;
  priorShareMessages: number;
  maxShareConcentration: number;
  /** How long after a minute ends before it joins the baseline; windows look this far back. */
  latenessMinutes: number;
  /**
   * A new campaign or platform series is learned, not judged, until this many of its minutes are
   * in the baseline: its birth is an admin connecting an account or tagging posts, not news. A
   * post's is its first comment, so a post is judged from the start against the prior: a quiet
   * post that suddenly draws a bot wave, or a new video drawing 10 comments a minute, is a surge.
   */
  warmupMinutes: number;
  /** Surprise above which a minute is clipped before it joins the baseline; lower inside a surge. */
  clipSurprise: number;
  hotClipSurprise: number;
  /** Complete minutes before the current partial one, for the volume and share windows. */
  volumeWindows: readonly number[];
  shareWindows: readonly number[];
  /** The partial minute alone is tested once at least this much of it has passed. */
  minPartialFraction: number;
  volume: { surprise: number; minCount: number; minRatePerMinute: number; minRatio: number };
  /**
   * The likelihood-ratio scan (CUSUM) for a step to `ratio`× the baseline; fires at `threshold`
   * nats, once the baseline rests on `minBaselineMessages` (weighted) messages.
   */
  scan: { ratio: number; threshold: number; minBaselineMessages: number };
  share: { surprise: number; minMessages: number; minIssues: number; minLift: number };
  escalate: { ratio: number; minRatePerMinute: number; highEscalations: number };
  resolve: { calmMinutes: number; looseSurprise: number; looseRatio: number; looseLift: number };
  /**
   * One alert per surge: a platform's or campaign's surge is raised on the post that carries at
   * least this share of its excess (surge-attribution.ts), not as an alert of its own.
   */
  attribution: { share: number };
}

export const DEFAULT_DETECTOR_PARAMS: DetectorParams = {
  halfLifeMinutes: 60,
  priorRatePerMinute: 0.2,
  priorMinutes: 2,
  rateCv: 0.15,
  priorDispersion: 1.2,
  priorDispersionMinutes: 30,
  dispersionHalfLifeMinutes: 240,
  maxDispersion: 5,
  priorIssueShare: 0.2,
  priorShareMessages: 10,
  maxShareConcentration: 80,
  latenessMinutes: 5,
  warmupMinutes: 15,
  clipSurprise: 3,
  hotClipSurprise: 1,
  volumeWindows: [0, 1, 2, 5],
  shareWindows: [2, 5],
  minPartialFraction: 0.25,
  volume: { surprise: 6, minCount: 10, minRatePerMinute: 5, minRatio: 2.5 },
  scan: { ratio: 5, threshold: 13, minBaselineMessages: 30 },
  share: { surprise: 5, minMessages: 20, minIssues: 8, minLift: 0.2 },
  escalate: { ratio: 10, minRatePerMinute: 10, highEscalations: 5 },
  resolve: { calmMinutes: 5, looseSurprise: 3, looseRatio: 1.5, looseLift: 0.1 },
  attribution: { share: 0.5 },
};
