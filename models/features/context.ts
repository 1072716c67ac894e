import type { Panel } from "@/models/data";
import type { CalendarTable } from "./calendar";
import { buildCalendarTable } from "./calendar";
import { stableCode } from "./codes";

/** Daily totals of clean (observed, uncensored) units over the series of each group, and how many series were clean. */
export interface GroupDaily {
  nDays: number;
  sum: Float32Array;
  count: Float32Array;
  /** Group of each series. */
  of: Int32Array;
}

/** What the features need from the whole panel, computed once per panel. */
export interface PanelContext {
  panel: Panel;
  calendar: CalendarTable;
  storeCode: Float32Array;
  storeSize: Float32Array;
  categoryCode: Float32Array;
  basePrice: Float32Array;
  /** Category × store: the cold-start prior for a new item in a store. */
  categoryStore: GroupDaily;
  /** The same item in every store: the prior when an item launches in one more store. */
  item: GroupDaily;
  all: GroupDaily;
}

function groupDaily(panel: Panel, keyOf: (s: Panel["series"][number]) => string): GroupDaily {
  const ids = new Map<string, number>();
  const of = Int32Array.from(panel.series, (s) => {
    const key = keyOf(s);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
  const n = panel.nDays;
  const sum = new Float32Array(ids.size * n);
  const count = new Float32Array(ids.size * n);
  panel.series.forEach((s, i) => {
    const base = of[i]! * n;
    for (let d = s.firstDay; d <= s.lastDay; d++) {
      const u = s.units[d]!;
      if (Number.isNaN(u) || s.censored[d]) continue;
      sum[base + d]! += u;
      count[base + d]!++;
    }
  });
  return { nDays: n, sum, count, of };
}

/**
 * Mean clean units per series-day of the *other* series in the group over days [from, to]
 * (clipped at 0), given the series' own clean sum and count there; NaN when no other was observed.
 * Excluding the series keeps the prior honest: a new item's own two days are not its own prior.
 */
export function othersMean(g: GroupDaily, series: number, from: number, to: number, ownSum: number, ownCount: number): number {
  const base = g.of[series]! * g.nDays;
  let sum = 0;
  let count = 0;
  for (let d = Math.max(0, from); d <= to; d++) {
    sum += g.sum[base + d]!;
    count += g.count[base + d]!;
  }
  const n = count - ownCount;
  return n > 0.5 ? (sum - ownSum) / n : Number.NaN;
}

// Panels are never changed after they are built (views are new objects), so one context per panel
// serves every later call: single forecasts and what-ifs skip rebuilding the calendar and groups.
const contexts = new WeakMap<Panel, PanelContext>();

export function buildPanelContext(panel: Panel): PanelContext {
  let ctx = contexts.get(panel);
  if (!ctx) contexts.set(panel, (ctx = createPanelContext(panel)));
  return ctx;
}

function createPanelContext(panel: Panel): PanelContext {
  const nan = Number.NaN;
  const category = (itemId: string) => panel.items.get(itemId)?.category;
  return {
    panel,
    calendar: buildCalendarTable(panel),
    storeCode: Float32Array.from(panel.series, (s) => stableCode(s.storeId)),
    storeSize: Float32Array.from(panel.series, (s) => panel.stores.get(s.storeId)?.sizeSqm ?? nan),
    categoryCode: Float32Array.from(panel.series, (s) => {
      const c = category(s.itemId);
      return c === undefined ? nan : stableCode(c);
    }),
    basePrice: Float32Array.from(panel.series, (s) => panel.items.get(s.itemId)?.basePrice ?? nan),
    categoryStore: groupDaily(panel, (s) => `${category(s.itemId) ?? ""}\u0000${s.storeId}`),
    item: groupDaily(panel, (s) => s.itemId),
    all: groupDaily(panel, () => ""),
  };
}
