import "server-only";
import path from "node:path";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { readableTextColor, textOnColor } from "@/server/tenants/brand-colors";

const FONTS_DIR = path.resolve(process.cwd(), "server/services/reports/fonts");
export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
const HEADER_HEIGHT = 64;
const FOOTER_HEIGHT = 28;
export const CONTENT_TOP = PAGE.margin + HEADER_HEIGHT;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const MUTED = "#475569";
export const INK = "#0f172a";

/** Who the report is for, as every page shows it (white-label). */
export type ReportBrand = {
  tenantName: string;
  primaryColor: string;
  accentColor: string;
  logo: { kind: "svg"; svg: string } | { kind: "image"; bytes: Uint8Array } | null;
  title: string;
  generatedAt: Date;
  locale: string;
};

/**
 * A branded A4 document: DejaVu Sans embedded (subset) so text is real, selectable and looks the
 * same everywhere; every page gets the tenant's logo, name and colour band on top and the title,
 * generation time and page number at the bottom, drawn when the document ends (pages are buffered).
 */
export function createReport(brand: ReportBrand) {
  const doc = new PDFDocument({
    size: "A4",
    bufferPages: true,
    margins: { top: CONTENT_TOP, bottom: PAGE.margin + FOOTER_HEIGHT, left: PAGE.margin, right: PAGE.margin },
    info: { Title: `${brand.title} — ${brand.tenantName}`, Author: brand.tenantName, Creator: "Foresight", CreationDate: brand.generatedAt },
    lang: brand.locale,
    displayTitle: true,
  });
  doc.registerFont("body", path.join(FONTS_DIR, "DejaVuSans.ttf"));
  doc.registerFont("bold", path.join(FONTS_DIR, "DejaVuSans-Bold.ttf"));
  doc.font("body").fontSize(10).fillColor(INK);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  const colors = { brandText: readableTextColor(brand.primaryColor), accentText: readableTextColor(brand.accentColor), onBrand: textOnColor(brand.primaryColor) };

  const finish = async (): Promise<{ bytes: Uint8Array; pages: number }> => {
    const range = doc.bufferedPageRange();
    const stamp = new Intl.DateTimeFormat(brand.locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(brand.generatedAt);
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      drawHeader(doc, brand);
      // Footer text sits inside the bottom margin; without lifting it pdfkit would start a new page.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font("body").fontSize(8).fillColor(MUTED);
      doc.text(`${brand.title} · generated ${stamp} UTC by Foresight`, PAGE.margin, PAGE.height - PAGE.margin - 10, { width: CONTENT_WIDTH - 80, lineBreak: false });
      doc.text(`Page ${i + 1} of ${range.count}`, PAGE.width - PAGE.margin - 80, PAGE.height - PAGE.margin - 10, { width: 80, align: "right", lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    const pages = range.count;
    doc.end();
    return { bytes: await done, pages };
  };
  return { doc, colors, finish };
}

function drawHeader(doc: PDFKit.PDFDocument, brand: ReportBrand): void {
  const top = PAGE.margin - 20;
  doc.save();
  doc.rect(0, 0, PAGE.width, 6).fill(brand.primaryColor);
  doc.rect(0, 6, PAGE.width, 2).fill(brand.accentColor);
  doc.restore();
  const size = 36;
  if (brand.logo?.kind === "svg") SVGtoPDF(doc, brand.logo.svg, PAGE.margin, top, { width: size, height: size, preserveAspectRatio: "xMinYMid meet" });
  else if (brand.logo?.kind === "image") doc.image(Buffer.from(brand.logo.bytes), PAGE.margin, top, { fit: [size, size] });
  const textX = PAGE.margin + (brand.logo ? size + 10 : 0);
  doc.font("bold").fontSize(13).fillColor(readableTextColor(brand.primaryColor)).text(brand.tenantName, textX, top + 2, { lineBreak: false });
  doc.font("body").fontSize(9).fillColor(MUTED).text(brand.title, textX, top + 20, { lineBreak: false });
  doc.moveTo(PAGE.margin, top + size + 8).lineTo(PAGE.width - PAGE.margin, top + size + 8).lineWidth(0.5).strokeColor("#cbd5e1").stroke();
}

export function heading(doc: PDFKit.PDFDocument, text: string, color: string): void {
  ensureSpace(doc, 40);
  doc.moveDown(0.6).font("bold").fontSize(12).fillColor(color).text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3).font("body").fontSize(10).fillColor(INK);
}

export function paragraph(doc: PDFKit.PDFDocument, text: string, options: { color?: string; size?: number } = {}): void {
  doc.font("body").fontSize(options.size ?? 10).fillColor(options.color ?? INK).text(text, PAGE.margin, doc.y, { width: CONTENT_WIDTH, lineGap: 2 });
  doc.moveDown(0.3);
}

/** Starts a new page when fewer than `height` points are left above the footer. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > PAGE.height - doc.page.margins.bottom) doc.addPage();
}

export type Column = { header: string; width: number; align?: "left" | "right" };

/**
 * A table whose rows never split across pages; when a row does not fit, the page breaks and the
 * header row is drawn again on the next page.
 */
export function table(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][], headerColor: string): void {
  const total = columns.reduce((a, c) => a + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
  const cellText = (cells: string[], font: "body" | "bold", color: string) => {
    const height = Math.max(...cells.map((c, i) => doc.font(font).fontSize(9).heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    let x = PAGE.margin;
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.font(font).fontSize(9).fillColor(color).text(c, x + 3, y + 3, { width: widths[i]! - 6, align: columns[i]!.align ?? "left" });
      x += widths[i]!;
    });
    doc.y = y + height;
    return height;
  };
  const drawHeaderRow = () => {
    cellText(columns.map((c) => c.header), "bold", headerColor);
    doc.moveTo(PAGE.margin, doc.y).lineTo(PAGE.margin + CONTENT_WIDTH, doc.y).lineWidth(0.8).strokeColor(headerColor).stroke();
  };
  ensureSpace(doc, 40);
  drawHeaderRow();
  for (const row of rows) {
    const height = Math.max(...row.map((c, i) => doc.font("body").fontSize(9).heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    if (doc.y + height > PAGE.height - doc.page.margins.bottom) {
      doc.addPage();
      drawHeaderRow();
    }
    cellText(row, "body", INK);
    doc.moveTo(PAGE.margin, doc.y).lineTo(PAGE.margin + CONTENT_WIDTH, doc.y).lineWidth(0.3).strokeColor("#e2e8f0").stroke();
  }
  doc.x = PAGE.margin;
  doc.moveDown(0.5);
}
