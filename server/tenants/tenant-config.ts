import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ROLES } from "@/drizzle/schema/roles";
import { emailSchema } from "@/server/services/auth/email-schema";

/**
 * The schema of `tenants/<slug>/tenant.json`. The `generator` section is the demo data's ground
 * truth: tests read elasticities, lifts and seasonality from here and check that models recover them.
 */

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a #RRGGBB hex colour");
const isoDate = z.iso.date("must be a YYYY-MM-DD date");
const fraction = z.number().min(0).max(1);

/** `[min, max]` with min ≤ max. */
const range = (item: z.ZodNumber) =>
  z.tuple([item, item]).refine(([min, max]) => min <= max, "must be [min, max] with min ≤ max");
const positiveRange = range(z.number().positive());
const dayRange = range(z.int().min(1));

const storeSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1–32 letters, digits, - or _"),
  name: z.string().min(1),
  region: z.string().min(1),
  city: z.string().min(1),
  format: z.string().min(1),
  sizeSqm: z.int().positive(),
});

/** Stores made up from a count when nobody cares about their names. */
const generatedStoresSchema = z.strictObject({
  count: z.int().min(1).max(500),
  sizeSqm: range(z.int().positive()).describe("log-uniform sales floor size"),
  regions: z.array(z.string().min(1)).min(1),
  formats: z.array(z.string().min(1)).min(1),
});

const categorySchema = z.strictObject({
  name: z.string().min(1),
  code: z.string().regex(/^[A-Z]{2,5}$/, "must be 2–5 capital letters (item ids start with it)"),
  items: z.int().min(1).describe("number of items at full scale"),
  itemNames: z.array(z.string().min(1)).optional().describe("names of the first items; the rest are numbered"),
  basePriceRange: positiveRange.describe("log-uniform regular price at launch"),
  unitCostRatio: z.number().gt(0).lt(1).describe("unit cost as a fraction of the base price"),
  elasticity: z.number().lt(0).describe("d log demand / d log (paid price / base price)"),
  promoLift: z.number().min(1).describe("demand multiplier while promoted, on top of the price effect"),
  weeklySeasonality: z.array(z.number().positive()).length(7).describe("demand multipliers Monday … Sunday"),
  yearlySeasonalityAmplitude: z.number().min(0).lt(1).describe("1 + A·cos(2π(doy − peak)/365.25)"),
  peakDayOfYear: z.int().min(1).max(366),
  baseDemandRange: positiveRange.describe("log-uniform mean units per day in a reference-size store; low = intermittent"),
});

const holidaySchema = z
  .strictObject({
    name: z.string().min(1),
    month: z.int().min(1).max(12).optional().describe("fixed-date holiday, with day"),
    day: z.int().min(1).max(31).optional(),
    dates: z.array(isoDate).min(1).optional().describe("moving holiday: each occurrence"),
    lift: z.number().positive().describe("demand multiplier on the day and the days before it"),
    daysBefore: z.int().min(0).max(14).default(0),
  })
  .refine((h) => (h.dates ? h.month === undefined && h.day === undefined : h.month !== undefined && h.day !== undefined), {
    message: "give either dates or month and day",
  });

const markdownEventSchema = z.strictObject({
  name: z.string().min(1),
  month: z.int().min(1).max(12),
  day: z.int().min(1).max(31),
  durationDays: z.int().min(1).max(120).describe("after this the new season's stock sells at full price"),
  steps: z
    .array(z.strictObject({ afterDays: z.int().min(0), markdown: z.number().gt(0).lt(1) }))
    .min(1)
    .refine((steps) => steps.every((s, i) => i === 0 ? s.afterDays === 0 : s.afterDays > (steps[i - 1]?.afterDays ?? 0)), {
      message: "must start at afterDays 0 and increase",
    }),
  categories: z.array(z.string().min(1)).min(1),
});

const generatorSchema = z
  .strictObject({
    seed: z.int(),
    startDate: isoDate,
    days: z.int().min(7).max(3660),
    stores: z.union([z.array(storeSchema).min(1), generatedStoresSchema]),
    referenceStoreSizeSqm: z.int().positive(),
    storeSizeExponent: z.number().min(0).max(2).describe("demand ∝ (size / reference)^exponent"),
    demandDispersion: z.number().positive().describe("negative-binomial shape k: variance = μ + μ²/k"),
    categories: z.array(categorySchema).min(1),
    holidays: z.array(holidaySchema).default([]),
    promotions: z.strictObject({
      perItemPerYear: z.number().min(0),
      durationDays: dayRange,
      discountRange: range(z.number().gt(0).lt(1)),
    }),
    priceChanges: z.strictObject({
      perItemPerYear: z.number().min(0),
      changeRange: range(z.number().gt(-0.5).lt(1)).describe("relative change of the regular price"),
    }),
    markdowns: z.strictObject({ itemShare: fraction, events: z.array(markdownEventSchema) }),
    newItemFraction: fraction.describe("share of items launched during the history"),
    discontinuedItemFraction: fraction.describe("share of items withdrawn during the history"),
    launchRampDays: z.number().min(0).describe("demand of a new item reaches 63% after this many days"),
    online: z.strictObject({
      share: z.number().min(0).lt(1).describe("share of an item's demand that comes through the web shop"),
      addToCartRate: z.number().gt(0).max(1),
      checkoutRate: z.number().gt(0).max(1),
    }),
    inventory: z.strictObject({
      reviewPeriodDays: z.int().min(1),
      leadTimeDays: range(z.int().min(1)).describe("days from order to delivery"),
      orderCost: positiveRange,
      holdingCostRate: z.number().positive().describe("per unit per year, as a fraction of unit cost"),
      safetyFactor: z.number().min(0),
      missedDeliveryProbability: fraction.describe("chance a replenishment never arrives: the cause of most stockouts"),
    }),
  })
  .superRefine((g, ctx) => {
    const seen = (values: string[], field: string) => {
      const dup = values.find((v, i) => values.indexOf(v) !== i);
      if (dup) ctx.addIssue({ code: "custom", path: [field], message: `duplicate ${dup}` });
    };
    seen(g.categories.map((c) => c.name), "categories");
    seen(g.categories.map((c) => c.code), "categories");
    if (Array.isArray(g.stores)) seen(g.stores.map((s) => s.id), "stores");
    const names = new Set(g.categories.map((c) => c.name));
    g.markdowns.events.forEach((event, e) =>
      event.categories.forEach((name, c) => {
        if (!names.has(name)) ctx.addIssue({ code: "custom", path: ["markdowns", "events", e, "categories", c], message: `unknown category ${name}` });
      }),
    );
  });

export const tenantConfigSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by -"),
  name: z.string().min(1),
  plan: z.enum(["free", "pro", "enterprise"]),
  currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code like USD"),
  locale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, "must look like en-US"),
  branding: z.strictObject({
    displayName: z.string().min(1).max(60),
    primaryColor: hexColor,
    accentColor: hexColor,
    logo: z.string().regex(/^[\w-]+\.(svg|png|jpe?g)$/i, "must be a file name in the tenant folder (.svg, .png, .jpg)"),
  }),
  demoUsers: z
    .array(z.strictObject({ email: emailSchema, name: z.string().min(1), role: z.enum(ROLES) }))
    .min(1)
    .refine((users) => users.some((u) => u.role === "owner"), "needs an owner"),
  generator: generatorSchema,
});

export type TenantConfig = z.infer<typeof tenantConfigSchema>;
export type GeneratorParams = TenantConfig["generator"];
export type CategoryParams = GeneratorParams["categories"][number];
export type HolidayParams = GeneratorParams["holidays"][number];

export const TENANTS_DIR = path.resolve(process.cwd(), "tenants");

/** Thrown with a message naming the file and the field that is wrong. */
export class TenantConfigError extends Error {
  override name = "TenantConfigError";
}

/** Reads, parses and validates one tenant.json; the folder name must equal its slug. */
export async function loadTenantConfig(file: string): Promise<TenantConfig> {
  const shown = file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new TenantConfigError(`${shown}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = tenantConfigSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.map(String).join(".") || "(root)"}: ${i.message}`);
    throw new TenantConfigError(`${shown} is invalid:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  const folder = path.basename(path.dirname(file));
  if (config.slug !== folder) throw new TenantConfigError(`${shown}: slug: "${config.slug}" must equal its folder name "${folder}"`);
  if (!existsSync(path.join(path.dirname(file), config.branding.logo))) {
    throw new TenantConfigError(`${shown}: branding.logo: ${config.branding.logo} not found next to tenant.json`);
  }
  return config;
}

/** Every `tenants/<slug>/tenant.json`, sorted by slug. */
export async function loadTenantConfigs(dir: string = TENANTS_DIR): Promise<TenantConfig[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(folders.map((folder) => loadTenantConfig(path.join(dir, folder, "tenant.json"))));
}
