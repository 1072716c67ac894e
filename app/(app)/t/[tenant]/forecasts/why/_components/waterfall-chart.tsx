import type { Explanation } from "@/server/api/routers/explain.types";

type Step = Explanation["waterfall"][number];

const ROW = 30;
const LABEL_WIDTH = 220;
const VALUE_WIDTH = 80;
const WIDTH = 720;
// Fills for graphics need 3:1 against white (WCAG 1.4.11): green-700, red-700.
const UP = "#15803d";
const DOWN = "#b91c1c";
// Base and forecast in neutral slate-600, so a green brand never reads as "adds".
const LEVEL = "#475569";

/**
 * SHAP waterfall as a server-rendered SVG: from the base value, each step adds its contribution,
 * ending at the forecast. Labels and values are real text; the numbers are those of the explanation.
 */
export function WaterfallChart({ steps, format, title }: { steps: Step[]; format: (v: number) => string; title: string }) {
  const lo = Math.min(0, ...steps.map((s) => Math.min(s.start, s.end)));
  const hi = Math.max(...steps.map((s) => Math.max(s.start, s.end)), lo + 1e-9);
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (v: number) => LABEL_WIDTH + ((v - lo) / (hi - lo)) * plot;
  const height = steps.length * ROW + 10;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full" role="img" aria-label={title} data-testid="waterfall">
      <title>{title}</title>
      <line x1={x(0)} x2={x(0)} y1={0} y2={height} stroke="#94a3b8" strokeDasharray="2 3" />
      {steps.map((s, i) => {
        const y = i * ROW + 5;
        const fill = s.kind === "base" || s.kind === "total" ? LEVEL : s.value >= 0 ? UP : DOWN;
        const [a, b] = [x(Math.min(s.start, s.end)), x(Math.max(s.start, s.end))];
        const sign = s.kind === "driver" || s.kind === "rest" ? (s.value >= 0 ? "+" : "−") : "";
        return (
          <g key={`${s.label}-${i}`}>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#0f172a">
              {s.label}
            </text>
            <rect x={a} y={y + 4} width={Math.max(1, b - a)} height={ROW - 10} fill={fill} rx="2" />
            <text x={WIDTH - 4} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#0f172a" className="tabular-nums">
              {sign}
              {format(Math.abs(s.value))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
