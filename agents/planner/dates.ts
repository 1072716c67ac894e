import { addDaysIso } from "@/models/data";

export type Period = { from: string; to: string; label: string };
export type Comparison = "none" | "previous_period" | "same_period_last_year";
/** Dates a question mentions, read against the tenant's calendar (the day after its latest sale is "today"). */
export type TimeReading = { past: Period | null; horizonDays: number | null; horizonLabel: string | null; comparison: Comparison };

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH_RE = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fourteen: 14, thirty: 30 };

const monthIndex = (name: string) => MONTHS.findIndex((m) => m.startsWith(name.slice(0, 3)));
const pad = (n: number) => String(n).padStart(2, "0");
const monthStart = (y: number, m: number) => `${y}-${pad(m + 1)}-01`;
const monthEnd = (y: number, m: number) => addDaysIso(m === 11 ? `${y + 1}-01-01` : `${y}-${pad(m + 2)}-01`, -1);
const count = (raw: string | undefined) => (raw === undefined ? 1 : (NUMBER_WORDS[raw] ?? Number(raw)));
const minIso = (a: string, b: string) => (a < b ? a : b);

/** Shifts a period back one year, clamping 29 February. */
export function yearEarlier(p: Period): Period {
  const back = (iso: string) => {
    const y = Number(iso.slice(0, 4)) - 1;
    const md = iso.slice(5);
    return md === "02-29" ? `${y}-02-28` : `${y}-${md}`;
  };
  return { from: back(p.from), to: back(p.to), label: `the same period a year earlier` };
}

function pastPeriod(q: string, last: string): Period | null {
  const today = addDaysIso(last, 1);
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
  const iso = [...q.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((x) => x[1]!);
  if (iso.length >= 2) return { from: minIso(iso[0]!, iso[1]!), to: iso[0]! < iso[1]! ? iso[1]! : iso[0]!, label: `${iso[0]} to ${iso[1]}` };
  if (iso.length === 1 && /\b(on|for)\b/.test(q)) return { from: iso[0]!, to: iso[0]!, label: iso[0]! };
  let r: RegExpExecArray | null;
  if (/\byesterday\b/.test(q)) return { from: last, to: last, label: "yesterday" };
  if ((r = /\b(?:last|past|previous|prior)\s+(\d+|[a-z]+)?\s*(day|week|month|year)s?\b/.exec(q))) {
    const n = count(r[1]);
    if (Number.isFinite(n) && n > 0) {
      const unit = r[2]!;
      if (r[1] === undefined && unit === "month") return { from: monthStart(m === 0 ? y - 1 : y, (m + 11) % 12), to: monthEnd(m === 0 ? y - 1 : y, (m + 11) % 12), label: "last month" };
      if (r[1] === undefined && unit === "year") return { from: `${y - 1}-01-01`, to: minIso(`${y - 1}-12-31`, last), label: "last year" };
      const days = unit === "day" ? n : unit === "week" ? 7 * n : unit === "month" ? 30 * n : 365 * n;
      return { from: addDaysIso(last, -(days - 1)), to: last, label: r[1] === undefined ? `the last ${unit}` : `the last ${n} ${unit}s` };
    }
  }
  if (/\bthis\s+month\b|\bmonth\s+to\s+date\b|\bmtd\b/.test(q)) return { from: monthStart(y, m), to: last, label: "this month to date" };
  if (/\bthis\s+year\b|\byear\s+to\s+date\b|\bytd\b/.test(q)) return { from: `${y}-01-01`, to: last, label: "this year to date" };
  if (/\bthis\s+week\b/.test(q)) return { from: addDaysIso(last, -6), to: last, label: "the last 7 days" };
  if ((r = /\bq([1-4])(?:\s+(\d{4}))?\b/.exec(q))) {
    const quarter = Number(r[1]) - 1;
    const year = r[2] ? Number(r[2]) : monthStart(y, quarter * 3) > last ? y - 1 : y;
    return { from: monthStart(year, quarter * 3), to: minIso(monthEnd(year, quarter * 3 + 2), last), label: `Q${quarter + 1} ${year}` };
  }
  if ((r = new RegExp(`\\b(?:in|during|for|of)\\s+${MONTH_RE}(?:\\s+(\\d{4}))?\\b`).exec(q))) {
    const mi = monthIndex(r[1]!);
    const year = r[2] ? Number(r[2]) : monthStart(y, mi) > last ? y - 1 : y;
    return { from: monthStart(year, mi), to: minIso(monthEnd(year, mi), last), label: `${MONTHS[mi]![0]!.toUpperCase()}${MONTHS[mi]!.slice(1)} ${year}` };
  }
  if ((r = /\b(?:in|during|for)\s+(\d{4})\b/.exec(q))) return { from: `${r[1]}-01-01`, to: minIso(`${r[1]}-12-31`, last), label: r[1]! };
  return null;
}

function horizon(q: string): { days: number; label: string } | null {
  let r: RegExpExecArray | null;
  if (/\btomorrow\b/.test(q)) return { days: 1, label: "tomorrow" };
  if ((r = /\b(?:next|coming|upcoming|following)\s+(\d+|[a-z]+)?\s*(day|week|month|fortnight)s?\b/.exec(q))) {
    const n = count(r[1]);
    if (Number.isFinite(n) && n > 0) {
      const days = r[2] === "day" ? n : r[2] === "week" ? 7 * n : r[2] === "fortnight" ? 14 * n : 28 * n;
      return { days: Math.min(28, days), label: r[1] === undefined ? `the next ${r[2] === "month" ? "4 weeks" : r[2]}` : `the next ${Math.min(28, days)} days` };
    }
  }
  if ((r = /\b(?:in|over|within)\s+the\s+next\s+(\d+)\s*days?\b|\b(\d+)[- ]day\s+(?:forecast|horizon)\b/.exec(q))) {
    const days = Math.min(28, Number(r[1] ?? r[2]));
    return { days, label: `the next ${days} days` };
  }
  if (/\bthis\s+weekend\b/.test(q)) return { days: 7, label: "the next 7 days" };
  return null;
}

/** Reads periods, horizons and comparisons ("same period last year", "vs the previous month"). */
export function readTime(question: string, lastSaleDate: string | null): TimeReading {
  const q = question.toLowerCase();
  const comparison: Comparison = /\bsame\s+(?:period|time|week|month)\s+(?:last|a|the\s+previous)\s+year\b|\byear[- ]over[- ]year\b|\byoy\b|\b(?:vs\.?|versus|compared?\s+(?:to|with))\s+last\s+year\b/.test(q)
    ? "same_period_last_year"
    : /\b(?:vs\.?|versus|compared?|comparison|compare|change|growth|grew|up\s+or\s+down|against)\b/.test(q)
      ? "previous_period"
      : "none";
  // "same period last year" names the comparison, not the period itself.
  const forPeriod = q.replace(/\bsame\s+(?:period|time|week|month)\s+(?:last|a|the\s+previous)\s+year\b|\b(?:vs\.?|versus|compared?\s+(?:to|with))\s+last\s+year\b/g, " ");
  const h = horizon(q);
  return { past: lastSaleDate ? pastPeriod(forPeriod, lastSaleDate) : null, horizonDays: h?.days ?? null, horizonLabel: h?.label ?? null, comparison };
}
