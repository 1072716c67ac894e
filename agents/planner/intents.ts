import { addDaysIso } from "@/models/data";
import type { ToolName } from "../tools";
import { readTime } from "./dates";
import type { TimeReading } from "./dates";
import { money, num, pct, signedPct, units } from "./format";
import type { CatalogSnapshot, Resolution } from "./resolve";
import { resolveEntities } from "./resolve";
import { similar, words } from "./text";

/** What the planner understood of one question. */
export type Reading = { question: string; q: string; entities: Resolution; time: TimeReading; catalog: CatalogSnapshot };
/** A tool result as the planner sees it: its output, or that the user denied it. */
export type StepResult = { tool: string; output: unknown; denied: boolean };
type Json = Record<string, unknown>;

/**
 * One thing the assistant can answer: when it applies, the tool call it makes (possibly from the
 * previous steps' results) and how it words the result. A new tool adds one entry here.
 */
export type Intent = {
  name: string;
  tool: ToolName;
  applies: (r: Reading) => boolean;
  /** A question back to the user instead of a call, when something needed is missing or ambiguous. */
  clarify?: (r: Reading) => string | null;
  input: (r: Reading, previous: readonly StepResult[]) => Json | null;
  answer: (output: Json, r: Reading) => string;
  /** When it applies, the other intents' readings of the question are wrong (a what-if mentions units and next week, but is not a forecast question). */
  exclusive?: boolean;
};

const has = (q: string, re: RegExp) => re.test(q);
const isError = (o: Json): o is { error: string } => typeof o.error === "string";
const store = (r: Reading) => r.entities.stores[0];
const item = (r: Reading) => r.entities.items[0];
const category = (r: Reading) => r.entities.categories[0];
const scopeText = (r: Reading) =>
  [item(r) ? item(r)!.name : category(r) ? `${category(r)}` : null, store(r) ? `at ${store(r)!.name}` : r.entities.items.length || r.entities.categories.length ? "across all stores" : null].filter(Boolean).join(" ");

function ambiguityQuestion(r: Reading, kinds: readonly ("item" | "store")[]): string | null {
  const a = r.entities.ambiguities.find((x) => kinds.includes(x.kind as "item" | "store"));
  if (!a) return null;
  return `Which ${a.kind} do you mean by "${a.phrase}"? ${a.options.map((o) => `${o.name} (${o.id})`).join("; ")}.`;
}

function unknownStoreNumber(r: Reading): string | null {
  const m = /\bstore\s*(?:#|no\.?|number)?\s*(\d{1,4})\b/i.exec(r.question);
  if (!m || r.entities.stores.length > 0) return null;
  return `There is no store ${m[1]} here. Which store did you mean: ${r.catalog.stores.map((s) => `${s.name} (${s.id})`).join(", ")}?`;
}

const SALES = /\b(sales?|sold|sell|revenue|turnover|income|units?|margin|profit|kpis?|average price|perform(?:ance|ed|ing)?|best[- ]selling|top[- ]selling|how did|how much did|how many .* (?:sell|sold))\b/;
const FORECAST = /\b(forecast\w*|predict\w*|projected|projection|expect\w*|will (?:\w+ ){0,4}(?:sell|need|move)|demand|upcoming|how many .* (?:will|next)|p10|p90|outlook)\b/;
const INVENTORY = /\b(re-?order\w*|orders?|ordering|stock\s?-?outs?|run(?:s|ning)? (?:out|low|dry)|out of stock|on hand|inventory|days? of cover|safety stock|replenish\w*|restock\w*|how much should|buy more|low on|sell(?:ing)? out|sold out)\b/;
const EXPLAIN = /\b(why|explain\w*|drivers?|what drives|driving|reasons?|counterfactual\w*|what would it take|influenc\w*|factors?)\b/;
const TRANSFER = /\b(transfers?|move stock|moving stock|rebalanc\w*|ship (?:\w+ ){0,3}between|send stock)\b/;
const ACTIONS = /\b(actions?|action cent(?:er|re)|to-?dos?|open tasks|what should (?:i|we) do)\b/;
const DECIDE = /\b(accept|approve|confirm|dismiss|reject)\b/;
const ALERTS = /\b(alerts?|anomal\w*|unusual|spikes?|outliers?|price errors?|stock discrepanc\w*)\b/;
const REPORT = /\b(reports?|pdf|summary document|download)\b/;
const PRICING = /\b(optimal price|best price|right price|price recommendation|recommended price|recommend a price|what price|which price|pric(?:e|ing) should|pricing|re-?pric\w*|markdowns?|mark (?:it |them )?down|clearance|elasticity|profit-?maximi[sz]\w*)\b/;
const MARKDOWN = /\b(markdowns?|mark (?:it |them )?down|clearance|clear (?:the )?stock|sell-?by|sell through)\b/;
const ISO_DATE = /\b(\d{4}-\d{2}-\d{2})\b/;
const WHAT_IF = /\b(what[- ]if|what would happen if|scenarios?|simulat\w*)\b/;
const SAVE = /\b(save|keep|store) (?:it|this|that|the scenario|the what-if)?\s*(?:as|named|called)\s+["“']([^"”']{1,120})["”']/;

/** The change a what-if asks for: a price move in % or an amount, a discount, a promotion on or off; null when none is named. */
export function readChange(q: string): Json | null {
  const down = /\b(cut|cuts|lower|reduce|drop|decrease|cheaper|mark(?:ed)? down|slash)\b/.test(q);
  const up = /\b(raise|increase|hike|put up|dearer|more expensive)\b/.test(q);
  const change: Json = {};
  const discount = /(\d+(?:\.\d+)?)\s*(?:%|percent)\s*(?:off|discount)|\bdiscount (?:of |by )?(\d+(?:\.\d+)?)\s*(?:%|percent)/.exec(q);
  if (discount) change.discountPercent = Number(discount[1] ?? discount[2]);
  const percent = !discount ? /(\d+(?:\.\d+)?)\s*(?:%|percent)/.exec(q) : null;
  const amount = !discount && !percent ? /\b(?:by|of)\s*[$€£]?(\d+(?:\.\d+)?)\b/.exec(q) : null;
  if ((percent || amount) && (down || up)) {
    const value = Number((percent ?? amount)![1]) * (down ? -1 : 1);
    if (percent) change.priceChangePercent = value;
    else change.priceChangeAmount = value;
  }
  if (/\b(no|without|stop(?:ping)?|end(?:ing)?|off) (?:the |a )?promo(?:tion)?s?\b|\bpromo(?:tion)?s? off\b/.test(q)) change.promo = false;
  else if (/\bpromo(?:tion|ted)?s?\b|\bon (?:a )?deal\b/.test(q)) change.promo = true;
  return Object.keys(change).length ? change : null;
}

function whatIfInput(r: Reading): Json | null {
  const change = readChange(r.q);
  if (!change || (!item(r) && !category(r))) return null;
  return {
    ...(r.entities.items.length ? { itemIds: r.entities.items.map((i) => i.id) } : { category: category(r) }),
    ...(r.entities.stores.length ? { storeIds: r.entities.stores.map((s) => s.id) } : {}),
    days: r.time.horizonDays ?? 7,
    ...change,
  };
}

function whatIfAnswer(o: Json, r: Reading, saved: boolean): string {
  if (isError(o)) return `I could not ${saved ? "save" : "evaluate"} that what-if: ${o.error}`;
  type Band = { mean: number; p10: number; p90: number };
  type Measure = { baseline: Band; scenario: Band };
  const [u, rev, m] = [o.units, o.revenue, o.margin] as Measure[];
  const scope = o.scope as { from: string; to: string; series: number };
  const stock = o.stockoutDays as { baseline: number; scenario: number };
  const range = (b: Band, f: (x: number) => string) => `${f(b.mean)} (80% range ${f(b.p10)}–${f(b.p90)})`;
  const text =
    `What-if (${String(o.change)}) for ${scopeText(r)}, ${scope.from} to ${scope.to}: the model expects ${range(u!.scenario, units)} units instead of ${range(u!.baseline, units)}; ` +
    `revenue ${money(rev!.scenario.mean)} instead of ${money(rev!.baseline.mean)}; margin ${money(m!.scenario.mean)} instead of ${money(m!.baseline.mean)}; ` +
    `stock-out days ${units(stock.scenario)} instead of ${units(stock.baseline)}. Computed against model v${(o.model as { version: number }).version}`;
  return saved ? `${text}; saved as "${String(o.name)}" on the Scenarios page.` : `${text}; nothing was saved.`;
}
const RETRAIN = /\b(re-?train\w*|re-?fit\w*|re-?forecast\w*|train (?:a |the )?(?:new )?model|(?:refresh|update|recompute|rerun|re-run)\w* (?:the |my |our |all )?(?:forecasts?|predictions?|model))\b/;
/** "refresh the forecasts" keeps the model and forecasts from the latest sales; "retrain" trains a new one. */
const REFORECAST_ONLY = (q: string) => has(q, /\b(refresh\w*|update\w*|recompute\w*|re-?forecast\w*|rerun|re-run)\b/) && !has(q, /\b(re-?train\w*|re-?fit\w*|train|model)\b/);

/** An example question built from this tenant's own catalog, never another's names. */
function example(r: Reading): string {
  const i = r.catalog.items[0];
  const s = r.catalog.stores[0];
  const c = r.catalog.categories[0];
  return [i && s ? `"${i.name} at ${s.name} next week"` : null, c ? `"${c} over the next 14 days"` : null].filter(Boolean).join(" or ") || "an item and a store";
}

/** The sell-by date a markdown question names: an ISO date, or the end of "the next N weeks/days" from the day after the latest sale. */
function sellBy(r: Reading): string | null {
  const iso = ISO_DATE.exec(r.question)?.[1];
  if (iso) return iso;
  const last = r.catalog.lastSaleDate;
  return last && r.time.horizonDays ? addDaysIso(last, r.time.horizonDays) : null;
}

function pricingAnswer(o: Json): string {
  if (isError(o)) return `I could not work out the price: ${o.error}`;
  const p = o.price as { itemName: string; storeName: string; elasticity: number | null; currentPrice: number; recommendedPrice: number | null; profitAtCurrent: number | null; profitAtRecommended: number | null; horizonDays: number; guardrails: { maxStepPct: number; minMarginPct: number }; reason: string | null };
  let text =
    p.recommendedPrice !== null
      ? `${p.itemName} at ${p.storeName}: current price ${money(p.currentPrice)}, recommended ${money(p.recommendedPrice)} (expected profit over ${num(p.horizonDays)} days ${money(p.profitAtRecommended!)} vs ${money(p.profitAtCurrent!)} now${p.elasticity !== null ? `; elasticity ${num(p.elasticity, 2)}` : ""}), within ±${pct(p.guardrails.maxStepPct)} per step and a margin of at least ${pct(p.guardrails.minMarginPct)}.`
      : `${p.itemName} at ${p.storeName}: current price ${money(p.currentPrice)}; no price recommendation: ${p.reason ?? "none"}`;
  const m = o.markdown as { stock: number; weeks: number; steps: { from: string; discountPct: number; price: number }[]; plan: { margin: number; leftover: number } | null; fixedSchedule: { margin: number; leftover: number } | null; reason: string | null } | null;
  if (m) {
    text += m.plan && m.fixedSchedule
      ? ` Markdown plan for ${units(m.stock)} units over ${num(m.weeks)} weeks: ${m.steps.map((s) => `${pct(s.discountPct)} off (${money(s.price)}) from ${s.from}`).join(", then ")}; expected margin ${money(m.plan.margin)} with ${units(m.plan.leftover)} units left, against ${money(m.fixedSchedule.margin)} and ${units(m.fixedSchedule.leftover)} left for the fixed −30%/−50% schedule.`
      : ` No markdown plan: ${m.reason ?? "none"}`;
  }
  return text;
}

const forecastInput = (r: Reading) => ({
  ...(item(r) ? { itemId: item(r)!.id } : { category: category(r) }),
  ...(r.entities.stores.length ? { storeIds: r.entities.stores.map((s) => s.id) } : {}),
  horizonDays: r.time.horizonDays ?? 7,
});

export const INTENTS: Intent[] = [
  {
    name: "pricing",
    tool: "optimisePrice",
    applies: (r) => has(r.q, PRICING) && !has(r.q, REPORT) && !has(r.q, DECIDE),
    clarify: (r) =>
      ambiguityQuestion(r, ["item", "store"]) ??
      unknownStoreNumber(r) ??
      (!item(r) || !store(r) ? `Which item at which store? A price recommendation is for one item at one store, for example: ${example(r)}.` : null) ??
      (has(r.q, MARKDOWN) && !sellBy(r) ? "Until when must the stock sell? Give a sell-by date (YYYY-MM-DD) or a number of weeks." : null),
    input: (r) => {
      const stock = /\b(\d[\d,]*)\s*(?:units?|pieces?|pcs)\b/.exec(r.question)?.[1];
      return {
        itemId: item(r)!.id,
        storeId: store(r)!.id,
        ...(has(r.q, MARKDOWN) ? { sellBy: sellBy(r) } : {}),
        ...(stock && has(r.q, MARKDOWN) ? { stock: Number(stock.replace(/,/g, "")) } : {}),
      };
    },
    answer: (o) => pricingAnswer(o),
  },
  {
    name: "what_if",
    tool: "whatIfScenario",
    exclusive: true,
    applies: (r) => has(r.q, WHAT_IF) && !has(r.q, SAVE),
    clarify: (r) =>
      ambiguityQuestion(r, ["item", "store"]) ??
      unknownStoreNumber(r) ??
      (!item(r) && !category(r) ? `Which items or category should the what-if change? For example: ${example(r)}.` : null) ??
      (!readChange(r.q) ? "What should the what-if change? For example: cut the price by 10%, a 20% discount, or a promotion." : null),
    input: whatIfInput,
    answer: (o, r) => whatIfAnswer(o, r, false),
  },
  {
    name: "what_if_save",
    tool: "saveScenario",
    exclusive: true,
    applies: (r) => has(r.q, WHAT_IF) && has(r.q, SAVE),
    clarify: (r) => ambiguityQuestion(r, ["item", "store"]) ?? unknownStoreNumber(r) ?? (!whatIfInput(r) ? "Which items (or category) and what change should the saved scenario have? For example: cut the price by 10% next week." : null),
    input: (r) => {
      const scenario = whatIfInput(r);
      const name = SAVE.exec(r.question.toLowerCase()) && /["“']([^"”']{1,120})["”']/.exec(r.question)?.[1];
      return scenario && name ? { name, scenario } : null;
    },
    answer: (o, r) => whatIfAnswer(o, r, true),
  },
  {
    name: "retrain",
    tool: "startRetrain",
    applies: (r) => has(r.q, RETRAIN),
    input: (r) => ({ kind: REFORECAST_ONLY(r.q) ? "reforecast" : "retrain" }),
    answer: (o) => {
      if (isError(o)) return `Nothing was queued: ${o.error}`;
      return o.kind === "reforecast"
        ? "Queued: the production model will re-forecast every series from the latest sales in the background. The Models page shows the job; the new forecasts replace the current ones when it finishes."
        : `Queued: a retrain over a ${String(o.horizon)}-day horizon. It backtests the new model and promotes it only if it beats production${o.production ? ` (v${String((o.production as { version: number }).version)})` : ""}; follow it on the Models page. It is recorded in the audit log.`;
    },
  },
  {
    name: "decide_action",
    tool: "listOpenActions",
    applies: (r) => has(r.q, DECIDE) && (has(r.q, ACTIONS) || has(r.q, /\b(re-?order|transfer|top|first|that|it|this|recommendation)\b/)),
    input: (r) => ({
      ...(has(r.q, /transfer/) ? { type: "transfer" } : has(r.q, /re-?order/) ? { type: "reorder" } : {}),
      ...(store(r) ? { storeId: store(r)!.id } : {}),
      ...(item(r) ? { itemId: item(r)!.id } : {}),
      limit: 5,
    }),
    answer: (o) => {
      if (isError(o)) return `I could not read the action center: ${o.error}`;
      const list = o.actions as { title: string }[];
      return list.length === 0 ? "There is no open action matching that, so nothing was changed." : `The top matching action is "${list[0]!.title}".`;
    },
  },
  {
    name: "decide_action_apply",
    tool: "decideAction",
    applies: (r) => has(r.q, DECIDE) && (has(r.q, ACTIONS) || has(r.q, /\b(re-?order|transfer|top|first|that|it|this|recommendation)\b/)),
    input: (r, previous) => {
      const listed = previous.find((p) => p.tool === "listOpenActions")?.output as { actions?: { id: string }[] } | undefined;
      const first = listed?.actions?.[0];
      return first ? { actionId: first.id, decision: has(r.q, /\b(dismiss|reject)\b/) ? "dismiss" : "accept" } : null;
    },
    answer: (o) => (isError(o) ? `The action was not changed: ${o.error}` : `Done: the action is now ${String(o.status)}. It is recorded in the audit log.`),
  },
  {
    name: "report",
    tool: "generateReport",
    applies: (r) => has(r.q, REPORT),
    clarify: (r) => (r.entities.items.length > 0 && !store(r) && !r.time.past ? "Which store should the forecast report cover? A forecast report is for one item at one store." : ambiguityQuestion(r, ["item", "store"])),
    input: (r) => {
      if (item(r) && store(r)) return { kind: "forecast", storeId: store(r)!.id, itemId: item(r)!.id, days: r.time.horizonDays ?? 7 };
      const p = r.time.past;
      const last = r.catalog.lastSaleDate;
      if (!last) return null;
      return { kind: "executive", from: p?.from ?? addDaysIso(last, -29), to: p?.to ?? last };
    },
    answer: (o) => (isError(o) ? `I could not generate the report: ${o.error}` : `Your report is ready (${String(o.pages)} pages): [${String(o.filename)}](${String(o.url)}).`),
  },
  {
    name: "explain",
    tool: "explainForecast",
    applies: (r) => has(r.q, EXPLAIN) && !has(r.q, REPORT),
    clarify: (r) =>
      ambiguityQuestion(r, ["item", "store"]) ??
      unknownStoreNumber(r) ??
      (!item(r) && !(category(r) && store(r)) ? "Which forecast should I explain? Name an item (and optionally a store), or a category and a store." : null),
    input: (r) => ({ ...(item(r) ? { itemId: item(r)!.id } : { category: category(r) }), ...(store(r) ? { storeId: store(r)!.id } : {}), days: r.time.horizonDays ?? 7 }),
    answer: (o) => {
      if (isError(o)) return `I could not explain that forecast: ${o.error}`;
      const wf = (o.waterfall as { label: string; value: number; kind: string }[]).filter((s) => s.kind === "driver").slice(0, 3);
      const drivers = wf.map((s) => `${s.label} (${s.value > 0 ? "+" : ""}${units(s.value)} units)`).join(", ");
      const cf = (o.counterfactuals as string[])[0];
      return `The forecast is ${units(o.forecast as number)} units (80% range ${units(o.p10 as number)}–${units(o.p90 as number)}), starting from a base of ${units(o.baseValue as number)}. The biggest drivers: ${drivers}.${cf ? ` ${cf}` : ""}`;
    },
  },
  {
    name: "sales",
    tool: "querySales",
    applies: (r) => !has(r.q, PRICING) && ((has(r.q, SALES) && !has(r.q, FORECAST) && !r.time.horizonDays) || (r.time.past !== null && !has(r.q, INVENTORY) && !has(r.q, EXPLAIN) && !has(r.q, REPORT))),
    clarify: (r) => ambiguityQuestion(r, ["store"]) ?? unknownStoreNumber(r),
    input: (r) => ({
      ...(r.time.past ? { from: r.time.past.from, to: r.time.past.to } : {}),
      ...(store(r) ? { storeId: store(r)!.id } : {}),
      ...(category(r) ? { category: category(r) } : {}),
      groupBy: has(r.q, /\b(by|per|which|each|every|best|top|worst)\s+(categor\w*)|categor(y|ies)\b.*\b(best|top|most|worst)\b/) ? "category" : has(r.q, /\b(trend|daily|weekly|monthly|by (day|week|month)|per (day|week|month))\b/) ? "period" : "store",
      compareWith: r.time.comparison,
    }),
    answer: (o, r) => {
      if (isError(o)) return `I could not read the sales: ${o.error}`;
      const k = o.kpis as { revenue: number; units: number; grossMargin: number; grossMarginPct: number | null };
      const p = o.period as { from: string; to: string };
      const f = o.filters as { storeId: string | null; category: string | null };
      const scope = [f.category, f.storeId ? `at ${r.catalog.stores.find((s) => s.id === f.storeId)?.name ?? f.storeId}` : null].filter(Boolean).join(" ");
      let text = `Sales${scope ? ` of ${scope}` : ""} from ${p.from} to ${p.to}: revenue ${money(k.revenue)}, ${units(k.units)} units, gross margin ${money(k.grossMargin)}${k.grossMarginPct !== null ? ` (${pct(k.grossMarginPct)})` : ""}.`;
      const c = o.comparison as { kind: string; kpis: { revenue: number; units: number }; revenueChangePct: number | null; unitsChangePct: number | null } | null;
      if (c) {
        const label = c.kind === "same_period_last_year" ? "the same period a year earlier" : "the previous period of equal length";
        text += ` Against ${label}: revenue ${money(c.kpis.revenue)}${c.revenueChangePct !== null ? ` (${signedPct(c.revenueChangePct)})` : ""}, units ${units(c.kpis.units)}${c.unitsChangePct !== null ? ` (${signedPct(c.unitsChangePct)})` : ""}.`;
      } else if (o.comparisonUnavailable) text += ` ${String(o.comparisonUnavailable)}`;
      const b = (o.breakdown as { key: string; revenue: number }[]).slice(0, 3);
      if (b.length > 1 && o.groupBy !== "period") text += ` Top ${String(o.groupBy === "category" ? "categories" : "stores")}: ${b.map((x) => `${x.key} (${money(x.revenue)})`).join(", ")}.`;
      return text;
    },
  },
  {
    name: "forecast",
    tool: "forecastDemand",
    applies: (r) => !has(r.q, EXPLAIN) && !has(r.q, REPORT) && !has(r.q, PRICING) && !has(r.q, RETRAIN) && (has(r.q, FORECAST) || (r.time.horizonDays !== null && !has(r.q, INVENTORY) && !has(r.q, TRANSFER))),
    clarify: (r) =>
      ambiguityQuestion(r, ["item", "store"]) ??
      unknownStoreNumber(r) ??
      (!item(r) && !category(r) ? `Which item or category should I forecast? For example: ${example(r)}.` : null),
    input: forecastInput,
    answer: (o, r) => {
      if (isError(o)) return `I could not read the forecast: ${o.error}`;
      const t = o.total as { p10: number; p50: number; p90: number };
      if (o.horizonDays === 0) return `There is no stored forecast for ${scopeText(r)} (the item may not be on sale there).`;
      let text = `Forecast for ${scopeText(r)} over the next ${String(o.horizonDays)} days (${String(o.from)} to ${String(o.to)}): ${units(t.p50)} units (P50), with an 80% range of ${units(t.p10)}–${units(t.p90)} (P10–P90).`;
      const bs = o.byStore as { storeName: string; p50: number }[];
      if (bs.length > 1) text += ` Highest: ${bs.slice(0, 3).map((s) => `${s.storeName} ${units(s.p50)}`).join(", ")}.`;
      return text;
    },
  },
  {
    name: "inventory",
    tool: "recommendInventory",
    applies: (r) => has(r.q, INVENTORY) && !has(r.q, TRANSFER) && !has(r.q, DECIDE) && !has(r.q, PRICING),
    clarify: (r) => ambiguityQuestion(r, ["item", "store"]) ?? unknownStoreNumber(r),
    input: (r) => ({
      ...(item(r) ? { itemId: item(r)!.id } : {}),
      ...(store(r) ? { storeId: store(r)!.id } : {}),
      ...(!item(r) && category(r) ? { category: category(r) } : {}),
      sortBy: has(r.q, /\b(first|soonest|earliest|run(?:s|ning)? (?:out|low|dry)|days? of cover|sell out)\b/) ? "daysOfCover" : has(r.q, /\b(risk|likely|probabilit\w*|chance)\b/) ? "stockoutProbability" : "marginAtRisk",
      ordersDueOnly: has(r.q, /\b(due|today|now)\b/) && !item(r),
      limit: 5,
    }),
    answer: (o) => {
      if (isError(o)) return `I could not read the inventory recommendations: ${o.error}`;
      const lines = o.lines as { storeName: string; itemName: string; onHand: number; daysOfCover: number | null; stockoutProbability: number; orderQuantity: number; orderDate: string | null; reorderPoint: number }[];
      if (lines.length === 0) return "No inventory lines match that (no stock count for it, or no order is due).";
      const describe = (l: (typeof lines)[number]) =>
        `${l.itemName} at ${l.storeName}: ${units(l.onHand)} on hand, ${l.daysOfCover === null ? "no demand expected" : `${units(l.daysOfCover)} days of cover`}, stockout probability ${pct(l.stockoutProbability * 100)}; ` +
        (l.orderQuantity > 0 ? `order ${units(l.orderQuantity)} units${l.orderDate ? ` on ${l.orderDate}` : ""}` : `no order needed now (reorder point ${units(l.reorderPoint)})`);
      const head = o.sortBy === "daysOfCover" ? `First to run out: ${describe(lines[0]!)}.` : `${describe(lines[0]!)}.`;
      const rest = lines.slice(1, 3).map(describe);
      const totals = o.totals as { stockoutDaysPast28d: number; lostUnitsIncurred28d: number; lostRevenueIncurred28d: number } | null;
      const window = o.lostSalesWindow as { from: string | null; to: string | null } | null;
      const lost =
        totals && window?.from && totals.lostUnitsIncurred28d > 0
          ? ` Stockouts already cost about ${units(totals.lostUnitsIncurred28d)} units (${money(totals.lostRevenueIncurred28d)} of revenue) on ${num(totals.stockoutDaysPast28d)} stocked-out days from ${window.from} to ${window.to}.`
          : "";
      return (rest.length ? `${head} Next: ${rest.join("; ")}.` : head) + lost;
    },
  },
  {
    name: "transfers",
    tool: "suggestTransfers",
    applies: (r) => has(r.q, TRANSFER) && !has(r.q, DECIDE),
    input: (r) => ({ ...(store(r) ? { storeId: store(r)!.id } : {}), ...(item(r) ? { itemId: item(r)!.id } : {}), limit: 5 }),
    answer: (o) => {
      if (isError(o)) return `I could not read the transfers: ${o.error}`;
      const list = o.actions as { title: string; quantity: number; value: number }[];
      if (list.length === 0) return "No stock transfer is proposed right now.";
      return `${num(o.total as number)} transfers proposed, worth ${money(o.totalValue as number)} ${String(o.currency)} in total. Top: ${list.slice(0, 3).map((a) => `${a.title} (${units(a.quantity)} units, ${money(a.value)})`).join("; ")}.`;
    },
  },
  {
    name: "actions",
    tool: "listOpenActions",
    applies: (r) => has(r.q, ACTIONS) && !has(r.q, DECIDE) && !has(r.q, ALERTS),
    input: (r) => ({ ...(store(r) ? { storeId: store(r)!.id } : {}), ...(item(r) ? { itemId: item(r)!.id } : {}), limit: 5 }),
    answer: (o) => {
      if (isError(o)) return `I could not read the action center: ${o.error}`;
      const list = o.actions as { title: string; value: number }[];
      if (list.length === 0) return "The action center has no open actions.";
      return `${num(o.total as number)} open actions, worth ${money(o.totalValue as number)} ${String(o.currency)}. Highest value: ${list.slice(0, 3).map((a) => `${a.title} (${money(a.value)})`).join("; ")}.`;
    },
  },
  {
    name: "alerts",
    tool: "listAlerts",
    applies: (r) => has(r.q, ALERTS) && !has(r.q, DECIDE),
    input: (r) => ({
      status: has(r.q, /\bmuted\b/) ? "muted" : has(r.q, /\backnowledged\b/) ? "acknowledged" : "open",
      ...(has(r.q, /\b(high|serious|severe|critical)\b/) ? { severity: "high" } : {}),
      ...(has(r.q, /\bspikes?\b/) ? { kind: "spike" } : has(r.q, /\bdrops?\b/) ? { kind: "drop" } : has(r.q, /\bprice errors?\b/) ? { kind: "price_error" } : has(r.q, /\bstock discrepanc/) ? { kind: "stock_discrepancy" } : {}),
      ...(store(r) ? { storeId: store(r)!.id } : {}),
      ...(item(r) ? { itemId: item(r)!.id } : {}),
      limit: 5,
    }),
    answer: (o, r) => {
      if (isError(o)) return `I could not read the alerts: ${o.error}`;
      const list = o.alerts as { reason: string; severity: string; date: string; storeName: string | null; itemName: string | null }[];
      const where = store(r) ? ` at ${store(r)!.name}` : "";
      if (list.length === 0) return `No ${String(o.status)} alerts${where}: incoming sales fit the forecast band and recent history.`;
      const line = (a: (typeof list)[number]) => `${[a.itemName, a.storeName].filter(Boolean).join(" at ")} on ${a.date} (${a.severity}): ${a.reason}`;
      return `${num(o.total as number)} ${String(o.status)} alert${o.total === 1 ? "" : "s"}${where}. Newest: ${list.slice(0, 3).map(line).join("; ")}.`;
    },
  },
];

/** Words the intents and dates are read from: a misspelling of one ("forcast", "stor") is read as the word. */
const VOCABULARY = words(
  "forecast revenue sales store stores inventory reorder predict prediction demand transfer transfers explain report margin stockout category action actions alerts anomalies yesterday tomorrow week weeks month months compare compared previous expected projected drivers replenish pricing markdown clearance elasticity retrain refresh",
);

function fixTypos(question: string, catalog: CatalogSnapshot): string {
  const known = new Set(words([...catalog.items.map((i) => i.name), ...catalog.stores.map((s) => s.name), ...catalog.categories].join(" ")));
  return question.replace(/[A-Za-z]{4,}/g, (w) => {
    const lower = w.toLowerCase();
    if (known.has(lower) || VOCABULARY.includes(lower)) return w;
    return VOCABULARY.find((v) => v.length >= 5 && similar(lower, v)) ?? w;
  });
}

export function read(raw: string, catalog: CatalogSnapshot): Reading {
  const question = fixTypos(raw, catalog);
  return { question, q: question.toLowerCase(), entities: resolveEntities(question, catalog), time: readTime(question, catalog.lastSaleDate), catalog };
}

/** What to say when no intent applies: what the assistant can do, with examples. */
export const CAPABILITIES =
  "I can answer questions about past sales (\"revenue at store 3 last month vs the same period last year\"), demand forecasts (\"how many units of an item will a store sell next week?\"), " +
  "inventory (\"which store will run out of an item first and how much should it order?\"), transfers, forecast explanations (\"why is this item's forecast so high?\"), prices and markdown plans (\"what price should an item have at a store?\"), the action center, alerts about unusual sales (\"any anomalies?\"), PDF reports, what-ifs (\"what if we cut an item's price by 10% next week at a store?\"), and (for admins, with your approval) retraining the model or refreshing the forecasts.";
