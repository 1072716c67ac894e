import { z } from "zod";
import { text } from "@/server/validation/text";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { getItem, listCategories, listItems, listItemsSchema } from "@/server/services/catalog/list-items";
import { getStore, listStores } from "@/server/services/catalog/list-stores";
import { itemListSchema, itemSchema, storeListSchema, storeSchema } from "@/server/rest/schemas";

const idInput = z.object({ id: text({ min: 1, max: 64 }) });

export const catalogRouter = createTRPCRouter({
  stores: tenantProcedure("viewer")
    .output(storeListSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => listStores(tx))),
  store: tenantProcedure("viewer")
    .input(idInput)
    .output(storeSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getStore(tx, input.id))),
  items: tenantProcedure("viewer")
    .input(listItemsSchema)
    .output(itemListSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => listItems(tx, input))),
  item: tenantProcedure("viewer")
    .input(idInput)
    .output(itemSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getItem(tx, input.id))),
  categories: tenantProcedure("viewer")
    .output(z.array(z.string()))
    .query(({ ctx }) => ctx.withTenant((tx) => listCategories(tx))),
});
