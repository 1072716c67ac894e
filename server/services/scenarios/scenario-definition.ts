import "server-only";
import { z } from "zod";
import type { ScenarioChange } from "@/models/pricing";
import { text } from "@/server/validation/text";

/** Item × store × days one scenario may cover: keeps an evaluation well under a second (README "What-if scenarios"). */
export const MAX_SCENARIO_CELLS = 5_000;

const id = text({ min: 1, max: 64 });

export const scenarioChangeSchema = z
  .strictObject({
    price: z
      .strictObject({
        kind: z.enum(["percent", "absolute"]).describe("percent: value is a change in % of the list price (−10 = 10% cheaper); absolute: value is added to the list price, in the tenant's currency"),
        value: z.number().finite().describe("The change: % for percent, an amount for absolute"),
      })
      .refine((p) => p.kind !== "percent" || (p.value >= -90 && p.value <= 200), { message: "a percent price change must be between −90 and 200", path: ["value"] })
      .optional()
      .describe("Change of the list price"),
    discount: z.number().min(0).max(90).optional().describe("Promotional discount in % of the list price, replacing the planned one (0 removes it)"),
    promo: z.boolean().optional().describe("Promotion flag on the affected days: true = on promotion, false = not"),
  })
  .refine((c) => c.price !== undefined || c.discount !== undefined || c.promo !== undefined, "the change needs at least one of price, discount or promo");

export const scenarioDefinitionSchema = z
  .strictObject({
    name: text({ min: 1, max: 120, required: "name is required" }).describe("Name, unique in the tenant"),
    items: z
      .discriminatedUnion("by", [
        z.strictObject({ by: z.literal("ids"), ids: z.array(id).min(1, "list at least one item").max(500).describe("Item ids") }),
        z.strictObject({ by: z.literal("category"), category: text({ min: 1, max: 120 }).describe("Every item of this category") }),
      ])
      .describe("Which items: explicit ids or a category"),
    stores: z
      .discriminatedUnion("by", [z.strictObject({ by: z.literal("all") }), z.strictObject({ by: z.literal("ids"), ids: z.array(id).min(1, "list at least one store").max(200).describe("Store ids") })])
      .describe("Which stores: all, or explicit ids"),
    from: z.iso.date("from must be a date (YYYY-MM-DD)").describe("First day the change applies (within the forecast horizon)"),
    to: z.iso.date("to must be a date (YYYY-MM-DD)").describe("Last day the change applies (within the forecast horizon)"),
    change: scenarioChangeSchema,
  })
  .refine((d) => d.from <= d.to, { message: "to must be on or after from", path: ["to"] });
export type ScenarioDefinition = z.output<typeof scenarioDefinitionSchema>;
export type ScenarioDefinitionInput = z.input<typeof scenarioDefinitionSchema>;

/** The change as the model edit takes it: fractions instead of percents. */
export function modelChange(change: ScenarioDefinition["change"]): ScenarioChange {
  return {
    ...(change.price && { price: { kind: change.price.kind, value: change.price.kind === "percent" ? change.price.value / 100 : change.price.value } }),
    ...(change.discount !== undefined && { discount: change.discount / 100 }),
    ...(change.promo !== undefined && { promo: change.promo }),
  };
}
