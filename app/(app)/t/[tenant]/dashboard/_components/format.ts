/** Number formatters for one tenant's currency and locale. */
export function formatters(currency: string, locale: string) {
  const money = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  const price = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2 });
  const compactMoney = new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const signedPercent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1, signDisplay: "exceptZero" });
  return {
    money: (v: number) => money.format(v),
    price: (v: number) => price.format(v),
    compactMoney: (v: number) => compactMoney.format(v),
    count: (v: number) => count.format(v),
    percent: (v: number) => percent.format(v),
    signedPercent: (v: number) => signedPercent.format(v),
  };
}
export type Formatters = ReturnType<typeof formatters>;
