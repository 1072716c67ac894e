import "server-only";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { SUMMARY_EARLIEST_DATE, SUMMARY_LATEST_DATE } from "@/server/validation/sales-period";

const isoDate = z.iso
  .date("Dates are YYYY-MM-DD")
  .refine((d) => d >= SUMMARY_EARLIEST_DATE && d <= SUMMARY_LATEST_DATE, `Dates lie between ${SUMMARY_EARLIEST_DATE} and ${SUMMARY_LATEST_DATE}`);

/** The dashboard's period and drill level, as the cards beside the sales summary take them. */
export const dashboardFiltersSchema = z
  .object({
    from: isoDate.describe("First day of the period"),
    to: isoDate.describe("Last day of the period"),
    storeId: text({ min: 1, max: 64 }).optional().describe("Only this store"),
    category: text({ min: 1, max: 100 }).optional().describe("Only items of this category"),
    itemId: text({ min: 1, max: 64 }).optional().describe("Only this item"),
  })
  .refine((v) => v.from <= v.to, { message: "from must not be after to", path: ["from"] });
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;
