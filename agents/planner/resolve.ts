import { similar, stem, words } from "./text";

/** What the planner and the catalog tool resolve names against: one tenant's catalog and calendar. */
export type CatalogSnapshot = {
  items: { id: string; name: string; category: string }[];
  stores: { id: string; name: string; city: string | null }[];
  categories: string[];
  /** Latest day with sales; relative dates ("last week") count back from it. */
  lastSaleDate: string | null;
};

export type Named = { id: string; name: string };
/** A phrase that matched several entries equally well: the planner asks which one was meant. */
export type Ambiguity = { kind: "item" | "store" | "category"; phrase: string; options: Named[] };
export type Resolution = { items: Named[]; stores: Named[]; categories: string[]; ambiguities: Ambiguity[] };

/** Words that carry the question's intent or dates, never a catalog name. */
const STOP = new Set(
  `a an the of for in at on to from by and or vs versus with without is are was were be been will would should could can do does did how what which who when where why
   much many me my our us we i you it its this that these those there their them than then per each every all any some
   sell sold sales sale selling revenue units unit margin profit kpi kpis metric metrics number numbers total totals
   forecast forecasts forecasted predict prediction expected expect demand next last previous prior past this coming same period year years month months week weeks day days today tomorrow yesterday
   store stores shop shops location locations branch category categories item items product products sku skus
   order orders reorder reordering buy stock stocks stockout inventory run out first risk recommend recommendation recommendations
   transfer transfers move moving action actions accept approve dismiss explain why driver drivers report reports pdf generate make create show tell give list get
   compare compared comparison against over under up down top best worst most least more less lot please let know like want need see
   go going get gets got been being have has had into onto about around downtown
   if scenario scenarios simulate simulation cut cuts raise lower reduce increase decrease drop price prices pricing discount discounts off promo promotion promotions percent save named called happen`.split(/\s+/),
);
// "downtown" is a store-name word too: it stays out of item matching but store matching reads it.
const STORE_WORDS_ALLOWED = new Set(["downtown"]);
/** Sizes and pack counts say nothing about which product is meant. */
const isSizeWord = (w: string) => (/^\d/.test(w) && !w.endsWith("%")) || /^(oz|lb|lbs|gal|ct|pk|qt|l|ml|kg|g|fl|pack|rolls?)$/.test(w);
const SYNONYMS: Record<string, string[]> = {
  drink: ["beverage"],
  soda: ["beverage"],
  fruit: ["produce"],
  vegetable: ["produce"],
  veggie: ["produce"],
  meat: ["meat"],
  fish: ["seafood"],
  cleaning: ["household"],
  toiletry: ["personal"],
  snack: ["snack"],
};

type Entry = { id: string; name: string; keys: string[] };

function matchedKeys(query: readonly string[], keys: readonly string[]): Set<string> {
  const hit = new Set<string>();
  for (const k of keys) if (query.some((q) => similar(q, k))) hit.add(k);
  return hit;
}

/** Entries a query names: a full match or a word only that entry has; shared words alone are ambiguous. */
function resolveEntries(kind: Ambiguity["kind"], query: readonly string[], entries: readonly Entry[]): { found: Named[]; ambiguity: Ambiguity | null; used: Set<string> } {
  const df = new Map<string, number>();
  for (const e of entries) for (const k of new Set(e.keys)) df.set(k, (df.get(k) ?? 0) + 1);
  const scored = entries
    .map((e) => {
      const hit = matchedKeys(query, e.keys);
      const full = e.keys.length > 0 && hit.size === new Set(e.keys).size;
      const unique = [...hit].some((k) => df.get(k) === 1);
      return { e, hit, strong: full || unique, score: [...hit].reduce((s, k) => s + 1 / (df.get(k) ?? 1), 0) };
    })
    .filter((s) => s.hit.size > 0);
  const strong = scored.filter((s) => s.strong);
  // "whole milk" fully names Whole Milk; Whole Wheat Bread's lone "whole" is then explained already.
  const kept = strong.filter((s) => !strong.some((o) => o !== s && o.hit.size > s.hit.size && [...s.hit].every((k) => o.hit.has(k))));
  const used = new Set(kept.flatMap((s) => [...s.hit]));
  const weak = scored.filter((s) => !s.strong && [...s.hit].some((k) => !used.has(k)));
  if (kept.length > 0 || weak.length === 0) return { found: kept.map((s) => ({ id: s.e.id, name: s.e.name })), ambiguity: null, used };
  const best = Math.max(...weak.map((s) => s.score));
  const options = weak.filter((s) => s.score >= best - 1e-9).map((s) => ({ id: s.e.id, name: s.e.name }));
  if (options.length === 1) return { found: options, ambiguity: null, used };
  const phrase = [...new Set(weak.flatMap((s) => [...s.hit]))].join(" ");
  return { found: [], ambiguity: { kind, phrase, options: options.slice(0, 8) }, used };
}

function storeNumberMatches(text: string, stores: CatalogSnapshot["stores"]): Named[] {
  const found: Named[] = [];
  const byNumber = (n: number) => stores.filter((s) => Number(/\d+/.exec(s.id)?.[0] ?? NaN) === n);
  for (const m of text.toLowerCase().matchAll(/\bstores?\s*(?:#|no\.?|number|num)?\s*(\d{1,4})\b|\b#(\d{1,4})\b/g)) {
    for (const s of byNumber(Number(m[1] ?? m[2]))) found.push({ id: s.id, name: s.name });
  }
  for (const s of stores) if (new RegExp(`\\b${s.id.replace(/[^A-Za-z0-9_-]/g, "")}\\b`, "i").test(text)) found.push({ id: s.id, name: s.name });
  return found;
}

const uniqueById = (xs: Named[]) => [...new Map(xs.map((x) => [x.id, x])).values()];

/**
 * Items, stores and categories a question names, by id, number ("store 3"), distinctive name
 * words ("the downtown store") or a misspelling of them; ambiguous names come back as options.
 */
export function resolveEntities(question: string, catalog: CatalogSnapshot): Resolution {
  const all = words(question);
  const itemQuery = all.filter((w) => !STOP.has(w) && !STOP.has(stem(w)));
  const storeQuery = all.filter((w) => (!STOP.has(w) && !STOP.has(stem(w))) || STORE_WORDS_ALLOWED.has(w));

  // Words every other store shares (the chain's name) do not pick a store out.
  const storeWordCount = new Map<string, number>();
  const storeWords = catalog.stores.map((s) => [...new Set(words(s.name).filter((w) => !isSizeWord(w)))]);
  for (const ws of storeWords) for (const w of ws) storeWordCount.set(w, (storeWordCount.get(w) ?? 0) + 1);
  const cities = new Map<string, number>();
  for (const s of catalog.stores) if (s.city) cities.set(s.city.toLowerCase(), (cities.get(s.city.toLowerCase()) ?? 0) + 1);
  const storeEntries: Entry[] = catalog.stores.map((s, i) => {
    const keys = storeWords[i]!.filter((w) => w !== "store" && (storeWordCount.get(w) ?? 0) <= Math.max(1, catalog.stores.length / 2));
    const city = s.city?.toLowerCase();
    const cityKeys = city && cities.get(city) === 1 && keys.length > 0 ? words(city).filter((w) => !keys.includes(w)) : [];
    return { id: s.id, name: s.name, keys: keys.length > 0 ? [...keys, ...cityKeys] : [] };
  });
  const stores = resolveEntries("store", storeQuery, storeEntries);

  const itemEntries: Entry[] = catalog.items.map((i) => ({ id: i.id, name: i.name, keys: [...new Set(words(i.name).filter((w) => !isSizeWord(w) && w !== "&").map(stem))] }));
  const remaining = itemQuery.filter((w) => ![...stores.used].some((k) => similar(w, k)));
  const items = resolveEntries("item", remaining, itemEntries);

  const catQuery = remaining.filter((w) => ![...items.used].some((k) => similar(w, k))).flatMap((w) => [w, ...(SYNONYMS[stem(w)] ?? [])]);
  const categoryEntries: Entry[] = catalog.categories.map((c) => ({ id: c, name: c, keys: words(c).filter((w) => w !== "&" && w !== "and") }));
  // A category is named by any one of its words ("dairy" for Dairy & Eggs), not only by all.
  const categoryHits = categoryEntries.filter((e) => e.keys.some((k) => catQuery.some((q) => similar(q, k)))).map((e) => e.id);

  const numbered = storeNumberMatches(question, catalog.stores);
  const ambiguities = [stores.ambiguity, items.ambiguity].filter((a): a is Ambiguity => a !== null);
  return {
    items: uniqueById(items.found),
    stores: uniqueById([...numbered, ...stores.found]),
    categories: categoryHits,
    ambiguities: numbered.length > 0 ? ambiguities.filter((a) => a.kind !== "store") : ambiguities,
  };
}
