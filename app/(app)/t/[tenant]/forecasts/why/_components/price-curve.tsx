import type { Explanation } from "@/server/api/routers/explain.types";

const WIDTH = 360;
const HEIGHT = 180;
const PAD = { left: 48, right: 12, top: 10, bottom: 34 };

/** The served forecast at other prices (partial dependence), today's price marked. */
export function PriceCurve({ points, format, percent }: { points: Explanation["priceCurve"]; format: (v: number) => string; percent: (v: number) => string }) {
  const xs = points.map((p) => p.priceChange);
  const ys = points.map((p) => p.forecast);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(...ys, 1e-9)];
  const x = (v: number) => PAD.left + ((v - x0) / (x1 - x0 || 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => HEIGHT - PAD.bottom - ((v - y0) / (y1 - y0 || 1)) * (HEIGHT - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(p.priceChange).toFixed(1)},${y(p.forecast).toFixed(1)}`).join(" ");
  const now = points.find((p) => p.priceChange === 0);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full max-w-md" role="img" aria-label="Forecast at other prices" data-testid="price-curve">
      <title>Forecast at other prices</title>
      <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(y0)} y2={y(y0)} stroke="#94a3b8" />
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={y(y0)} stroke="#94a3b8" />
      <path d={path} fill="none" stroke="var(--color-brand)" strokeWidth="2" />
      {now ? <circle cx={x(0)} cy={y(now.forecast)} r="4" fill="var(--color-brand-accent)" stroke="#0f172a" /> : null}
      {[x0, 0, x1].map((v) => (
        <text key={v} x={x(v)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#334155">
          {v === 0 ? "today" : `${v > 0 ? "+" : ""}${percent(v)}`}
        </text>
      ))}
      {[y0, y1].map((v) => (
        <text key={v} x={PAD.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#334155">
          {format(v)}
        </text>
      ))}
      <text x={(PAD.left + WIDTH) / 2} y={HEIGHT - 4} textAnchor="middle" fontSize="11" fill="#334155">
        price change
      </text>
    </svg>
  );
}
