import { useEffect, useMemo, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartLine {
  label: string;
  values: (number | null)[];
}

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dayOnly = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });

/** uPlot's date templates ("{h}:{mm}{aa}", "{M}/{D}"…) in the viewer's locale instead of its English ones. */
function localeDate(template: string): (date: Date) => string {
  const time = /\{(h|H|mm)/.test(template);
  const day = /\{(D|DD|M|MM|MMM|MMMM|WWW|WWWW)\}/.test(template);
  const format = time && day ? dayAndTime : time ? timeOnly : dayOnly;
  return (date) => format.format(date);
}

/** The chart colours come from the design tokens (`--chart-1`…`--chart-8`), so they follow light and dark mode. */
const PALETTE_SIZE = 8;
const token = (element: Element, name: string) => getComputedStyle(element).getPropertyValue(name).trim();

/**
 * Splits off the bucket still filling: each line stops at the last complete bucket, and a dashed,
 * lighter companion runs from there to the filling bucket's value so far — in progress, not a drop.
 */
function withInProgress(t: number[], lines: ChartLine[], inProgressFrom: number | null | undefined) {
  const last = t.length - 1;
  if (inProgressFrom === null || inProgressFrom === undefined || last < 1 || t[last] !== inProgressFrom) return { lines, partial: [] as ChartLine[] };
  return {
    lines: lines.map((l) => ({ label: l.label, values: l.values.map((v, i) => (i === last ? null : v)) })),
    partial: lines.map((l) => ({ label: `${l.label} (so far)`, values: l.values.map((v, i) => (i >= last - 1 ? v : null)) })),
  };
}

/**
 * A time-series chart (uPlot: small, canvas, fast with thousands of points). `t` is unix seconds;
 * times show in the viewer's time zone, though buckets are UTC on the server. `inProgressFrom`
 * (the bucket still filling) is drawn dashed and lighter.
 */
export function TimeChart({
  title,
  t,
  lines: given,
  format,
  height = 220,
  inProgressFrom,
}: {
  title: string;
  t: number[];
  lines: ChartLine[];
  format?: (v: number) => string;
  height?: number;
  inProgressFrom?: number | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const { lines, partial } = useMemo(() => withInProgress(t, given, inProgressFrom), [t, given, inProgressFrom]);
  const shape = [...lines, ...partial].map((l) => l.label).join("\u0001");

  // A new set of lines needs a new chart; new values for the same lines only new data.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const axis = { stroke: token(el, "--chart-axis"), grid: { stroke: token(el, "--chart-grid"), width: 1 }, ticks: { stroke: token(el, "--chart-grid"), width: 1 } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      series: [
        {},
        ...lines.map((line, i) => ({
          label: line.label.length > 40 ? `${line.label.slice(0, 39)}…` : line.label,
          stroke: token(el, `--chart-${(i % PALETTE_SIZE) + 1}`),
          width: 2,
          points: { show: false },
          ...(format && { value: (_u: uPlot, v: number | null) => (v === null ? "–" : format(v)) }),
        })),
        ...partial.map((_line, i) => ({
          label: `${lines[i]!.label.length > 40 ? `${lines[i]!.label.slice(0, 39)}…` : lines[i]!.label} (so far)`,
          class: "in-progress",
          stroke: token(el, `--chart-${(i % PALETTE_SIZE) + 1}`),
          width: 2,
          dash: [4, 4],
          alpha: 0.5,
          points: { show: true, size: 5, filter: (u: uPlot) => [u.data[0].length - 1] },
          ...(format && { value: (_u: uPlot, v: number | null) => (v === null ? "–" : format(v)) }),
        })),
      ],
      // The time axis's labels are up to ~90 px wide ("Dec 7, 8:00 AM"): at uPlot's default
      // 50 px between ticks they ran into each other on a phone.
      axes: [{ ...axis, space: 90 }, { ...axis, size: 56, ...(format && { values: (_u: uPlot, ticks: number[]) => ticks.map(format) }) }],
      scales: { x: { time: true } },
      fmtDate: localeDate,
      legend: { live: true },
    };
    const instance = new uPlot(opts, [t, ...[...lines, ...partial].map((l) => l.values)], el);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.destroy();
      chart.current = null;
    };
    // Rebuilt only when the lines change, not on every refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  useEffect(() => {
    chart.current?.setData([t, ...[...lines, ...partial].map((l) => l.values)]);
  }, [t, lines, partial]);

  return (
    <figure className="chart" data-in-progress={partial.length > 0 ? "dashed" : undefined}>
      <figcaption>
        {title}
        {partial.length > 0 && <span className="muted"> · dashed: the latest interval, still filling</span>}
      </figcaption>
      <div ref={box} />
    </figure>
  );
}
