import "server-only";
import type { WaterfallStep } from "@/models/xai";
import { CONTENT_WIDTH, ensureSpace, INK, MUTED, PAGE } from "./report-document";

// Fills for graphics need 3:1 against white (WCAG 1.4.11): green-700, red-700.
const UP = "#15803d";
const DOWN = "#b91c1c";

/** Horizontal SHAP waterfall as vector paths with real text labels, from the base value (neutral slate) to the forecast. */
export function drawWaterfall(doc: PDFKit.PDFDocument, steps: readonly WaterfallStep[], format: (v: number) => string): void {
  const row = 18;
  const labelWidth = 190;
  const valueWidth = 60;
  const height = steps.length * row + 8;
  ensureSpace(doc, height);
  const top = doc.y;
  const lo = Math.min(0, ...steps.map((s) => Math.min(s.start, s.end)));
  const hi = Math.max(lo + 1e-9, ...steps.map((s) => Math.max(s.start, s.end)));
  const plot = CONTENT_WIDTH - labelWidth - valueWidth;
  const x = (v: number) => PAGE.margin + labelWidth + ((v - lo) / (hi - lo)) * plot;
  doc.save().moveTo(x(0), top).lineTo(x(0), top + height).dash(2, { space: 2 }).lineWidth(0.5).strokeColor("#94a3b8").stroke().undash().restore();
  steps.forEach((s, i) => {
    const y = top + i * row;
    const [a, b] = [x(Math.min(s.start, s.end)), x(Math.max(s.start, s.end))];
    const fill = s.kind === "base" || s.kind === "total" ? MUTED : s.value >= 0 ? UP : DOWN;
    doc.rect(a, y + 3, Math.max(0.8, b - a), row - 6).fill(fill);
    doc.font(s.kind === "total" ? "bold" : "body").fontSize(8.5).fillColor(INK);
    doc.text(s.label, PAGE.margin, y + 4, { width: labelWidth - 8, align: "right", lineBreak: false, ellipsis: true });
    const sign = s.kind === "driver" || s.kind === "rest" ? (s.value >= 0 ? "+" : "−") : "";
    doc.text(`${sign}${format(Math.abs(s.value))}`, PAGE.margin + CONTENT_WIDTH - valueWidth, y + 4, { width: valueWidth, align: "right", lineBreak: false });
  });
  doc.x = PAGE.margin;
  doc.y = top + height + 6;
}

type Point = { date: string; value: number };

/** Recent sales and the point forecast with its P10–P90 band, as vector paths with axis labels in the tenant's formats. */
export function drawForecastChart(
  doc: PDFKit.PDFDocument,
  input: { history: Point[]; forecast: { date: string; p10: number; point: number; p90: number }[]; pointLabel: string; format: (v: number) => string; dateLabel: (iso: string) => string },
  colors: { brand: string; accent: string },
): void {
  const height = 170;
  const pad = { left: 36, bottom: 20, top: 6 };
  ensureSpace(doc, height + 20);
  const top = doc.y;
  const dates = [...input.history.map((p) => p.date), ...input.forecast.map((p) => p.date)];
  const index = new Map(dates.map((d, i) => [d, i]));
  const maxY = Math.max(1, ...input.history.map((p) => p.value), ...input.forecast.map((p) => p.p90));
  const plotW = CONTENT_WIDTH - pad.left;
  const plotH = height - pad.bottom - pad.top;
  const x = (d: string) => PAGE.margin + pad.left + (index.get(d)! / Math.max(1, dates.length - 1)) * plotW;
  const y = (v: number) => top + pad.top + plotH - (v / maxY) * plotH;
  // Axes and gridlines.
  doc.lineWidth(0.4).strokeColor("#cbd5e1");
  for (const f of [0, 0.5, 1]) {
    doc.moveTo(PAGE.margin + pad.left, y(maxY * f)).lineTo(PAGE.margin + CONTENT_WIDTH, y(maxY * f)).stroke();
    doc.font("body").fontSize(7.5).fillColor(MUTED).text(input.format(maxY * f), PAGE.margin, y(maxY * f) - 4, { width: pad.left - 4, align: "right", lineBreak: false });
  }
  if (input.forecast.length > 0) {
    const band = input.forecast;
    doc.save().fillOpacity(0.25).fillColor(colors.accent);
    doc.moveTo(x(band[0]!.date), y(band[0]!.p90));
    for (const p of band) doc.lineTo(x(p.date), y(p.p90));
    for (const p of [...band].reverse()) doc.lineTo(x(p.date), y(p.p10));
    doc.closePath().fill().restore();
    doc.save().lineWidth(1.6).strokeColor(colors.brand).dash(3, { space: 2 });
    band.forEach((p, i) => (i ? doc.lineTo(x(p.date), y(p.point)) : doc.moveTo(x(p.date), y(p.point))));
    doc.stroke().undash().restore();
  }
  if (input.history.length > 0) {
    doc.save().lineWidth(1.1).strokeColor(INK);
    input.history.forEach((p, i) => (i ? doc.lineTo(x(p.date), y(p.value)) : doc.moveTo(x(p.date), y(p.value))));
    doc.stroke().restore();
  }
  const ticks = [dates[0], input.forecast[0]?.date, dates.at(-1)].filter((d): d is string => d !== undefined);
  for (const d of ticks) doc.font("body").fontSize(7.5).fillColor(MUTED).text(input.dateLabel(d), x(d) - 40, top + height - pad.bottom + 6, { width: 80, align: "center", lineBreak: false });
  // Legend.
  const ly = top + height + 4;
  doc.rect(PAGE.margin + pad.left, ly + 2, 14, 1.5).fill(INK);
  doc.font("body").fontSize(8).fillColor(INK).text("actual units", PAGE.margin + pad.left + 18, ly - 1, { lineBreak: false });
  doc.rect(PAGE.margin + pad.left + 100, ly + 2, 14, 1.5).fill(colors.brand);
  doc.text(input.pointLabel, PAGE.margin + pad.left + 118, ly - 1, { lineBreak: false });
  doc.save().fillOpacity(0.25).rect(PAGE.margin + pad.left + 210, ly - 1, 14, 8).fill(colors.accent).restore();
  doc.fillColor(INK).text("P10–P90 band", PAGE.margin + pad.left + 228, ly - 1, { lineBreak: false });
  doc.x = PAGE.margin;
  doc.y = ly + 16;
}
