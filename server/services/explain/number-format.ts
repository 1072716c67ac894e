import "server-only";

/** The tenant's way of writing numbers: every number in a sentence, a page or a PDF goes through one of these. */
export type NumberFormats = {
  units: (v: number) => string;
  money: (v: number) => string;
  percent: (share: number) => string;
};

export function numberFormats(locale: string, currency: string): NumberFormats {
  const units = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 0 });
  const money = new Intl.NumberFormat(locale, { style: "currency", currency });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return { units: (v) => units.format(v), money: (v) => money.format(v), percent: (v) => percent.format(v) };
}
