import "server-only";
import { listCategories, listItems } from "@/server/services/catalog/list-items";
import { listStores } from "@/server/services/catalog/list-stores";
import { salesDataRange } from "@/server/services/sales/sales-summary";
import type { AgentContext } from "./context";
import { inTenant } from "./context";
import type { CatalogSnapshot } from "./planner/resolve";

const PAGE = 500;

/** The tenant's items, stores, categories and latest sale day, read through the catalog services. */
export function loadCatalog(ctx: AgentContext): Promise<CatalogSnapshot> {
  return inTenant(ctx, async (tx) => {
    const items: CatalogSnapshot["items"] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await listItems(tx, { limit: PAGE, offset });
      items.push(...page.items.map((i) => ({ id: i.id, name: i.name, category: i.category })));
      if (items.length >= page.total || page.items.length === 0) break;
    }
    const [stores, categories, range] = await Promise.all([listStores(tx), listCategories(tx), salesDataRange(tx)]);
    return { items, stores: stores.map((s) => ({ id: s.id, name: s.name, city: s.city })), categories, lastSaleDate: range?.last ?? null };
  });
}
