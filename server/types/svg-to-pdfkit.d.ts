declare module "svg-to-pdfkit" {
  /** Draws an SVG document into a pdfkit page as vector paths (svg-to-pdfkit ships no types). */
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: { width?: number; height?: number; assumePt?: boolean; preserveAspectRatio?: string }): void;
}
