/**
 * Legend labels in body text colour: recharts paints them in the series colour by default, and a
 * tenant's accent (e.g. Acme's amber at 2:1 on white) would fail the text contrast bar. The swatch
 * beside each label keeps the series colour.
 */
export function legendText(value: string) {
  return <span className="text-slate-700">{value}</span>;
}
