/** URLs of the per-item, per-store and "why?" pages, built in one place so every table links the same way. */

export function itemHref(tenant: string, itemId: string, storeId?: string): string {
  return `/t/${tenant}/items/${encodeURIComponent(itemId)}${storeId ? `?${new URLSearchParams({ store: storeId }).toString()}` : ""}`;
}

export function storeHref(tenant: string, storeId: string, category?: string): string {
  return `/t/${tenant}/stores/${encodeURIComponent(storeId)}${category ? `?${new URLSearchParams({ category }).toString()}` : ""}`;
}

export type WhyScope = { store?: string; item?: string; category?: string; date: string; days?: number };

export function whyHref(tenant: string, scope: WhyScope): string {
  const q = Object.entries(scope).filter((e): e is [string, string | number] => e[1] !== undefined);
  return `/t/${tenant}/forecasts/why?${new URLSearchParams(q.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** The forecast report PDF of an item at a store, or of a category at a store or across stores. */
export function forecastReportHref(tenant: string, scope: { store?: string; item?: string; category?: string }): string {
  const q = Object.entries(scope).filter((e): e is [string, string] => e[1] !== undefined);
  return `/api/reports/${tenant}/forecast?${new URLSearchParams(q).toString()}`;
}

/** A dynamic route segment as the id it names; a malformed escape stays as typed (and is then simply not found). */
export function routeId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
