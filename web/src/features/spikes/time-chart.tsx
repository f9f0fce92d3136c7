import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartLine {
  label: string;
  values: (number | null)[];
}

const PALETTE = ["#4f46e5", "#db2777", "#0891b2", "#ea580c", "#16a34a", "#7c3aed", "#ca8a04", "#64748b"];

/**
 * A time-series chart (uPlot: small, canvas, fast with thousands of points). `t` is unix seconds;
 * times show in the viewer's time zone, though buckets are UTC on the server.
 */
export function TimeChart({ title, t, lines, format, height = 220 }: { title: string; t: number[]; lines: ChartLine[]; format?: (v: number) => string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const shape = lines.map((l) => l.label).join("\u0001");

  // A new set of lines needs a new chart; new values for the same lines only new data.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      series: [
        {},
        ...lines.map((line, i) => ({
          label: line.label.length > 40 ? `${line.label.slice(0, 39)}…` : line.label,
          stroke: PALETTE[i % PALETTE.length]!,
          width: 2,
          points: { show: false },
          ...(format && { value: (_u: uPlot, v: number | null) => (v === null ? "–" : format(v)) }),
        })),
      ],
      axes: [{}, { size: 56, ...(format && { values: (_u: uPlot, ticks: number[]) => ticks.map(format) }) }],
      scales: { x: { time: true } },
      legend: { live: true },
    };
    const instance = new uPlot(opts, [t, ...lines.map((l) => l.values)], el);
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
    chart.current?.setData([t, ...lines.map((l) => l.values)]);
  }, [t, lines]);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} />
    </figure>
  );
}
