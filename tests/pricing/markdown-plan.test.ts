import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { memberships } from "@/drizzle/schema";
import { fixedScheduleDiscount, planMarkdown, simulateSeason } from "@/models/pricing";
import { withTenant } from "@/server/db/tenant-context";
import { addDays, buildCalendar, yearlySeasonality } from "@/server/services/demo-data/calendar";
import { demandMean } from "@/server/services/demo-data/demand";
import { sampleNegativeBinomial } from "@/server/services/demo-data/distributions";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import type { DemoData } from "@/server/services/demo-data/types";
import { Rng } from "@/server/services/demo-data/prng";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeededTenant } from "@/server/services/demo-data/seed-demo";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { getMarkdownPlan, markdownSetup } from "@/server/services/pricing/markdown-plan";
import type { MarkdownQuery } from "@/server/services/pricing/markdown-plan";
import { getPriceRecommendation } from "@/server/services/pricing/price-curve";
import { DEFAULT_PRICING_SETTINGS, getPricingSettings, updatePricingSettings } from "@/server/services/pricing/settings";
import { buildOpenApiDocument } from "@/server/rest/openapi";
import { createRestApi } from "@/server/rest/endpoints";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import type { TenantConfig } from "@/server/tenants/tenant-config";
import { callerFor } from "../helpers/trpc-caller";
import { call, createKey } from "../rest/rest-client";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

// Two of each category, so Northwind's winter lines (Outerwear, Knitwear) are there; 500 days
// keep a year of history before the season the plan is for.
const SCALE = { stores: 2, items: 16, days: 500 };
const TRAIN = { horizon: 28, folds: 2, trees: 40 };
const SEASON_WEEKS = 12;
const SEASONS = 400;

/**
 * The generator's expected demand for one item × store on a future day at a net price: the same
 * formula as the history (demand.ts), no promotion, every multiplier from tenant.json.
 */
function trueDemand(data: DemoData, config: TenantConfig, storeId: string, itemId: string) {
  const params = data.truth.params;
  const item = data.items.find((i) => i.id === itemId)!;
  const category = config.generator.categories.find((c) => c.name === item.category)!;
  const calendar = buildCalendar(params.startDate, params.days + 7 * SEASON_WEEKS + 7, params.holidays);
  return (day: number, netPrice: number) =>
    demandMean({
      baseDemand: data.truth.itemBaseDemand[itemId]!,
      storeSizeFactor: data.truth.storeSizeFactor[storeId]!,
      weekly: category.weeklySeasonality[calendar.weekday[day]!]!,
      yearly: yearlySeasonality(category.yearlySeasonalityAmplitude, category.peakDayOfYear, calendar.dayOfYear[day]!),
      holidayLift: calendar.holidayLift[day]!,
      launchRamp: 1,
      promoted: false,
      promoLift: category.promoLift,
      paidPrice: netPrice,
      basePrice: item.basePrice!,
      elasticity: category.elasticity,
    });
}

describe.each(testDrivers())("markdown plans on %s", (driver) => {
  let database: TestDatabase;
  let tenant: SeededTenant;
  let other: FixtureTenant;
  let config: TenantConfig;
  let data: DemoData;
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenant.tenantId, fn);
  const plan = (q: MarkdownQuery) => inTenant((tx) => getMarkdownPlan(tx, q));
  const sellBy = () => addDays(data.truth.params.startDate, data.truth.params.days + 7 * SEASON_WEEKS - 1);
  const seasonal = () => data.items.filter((i) => (i.category === "Outerwear" || i.category === "Knitwear") && !i.discontinuedOn).map((i) => i.id);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    config = (await loadTenantConfigs()).find((c) => c.slug === "northwind-fashion")!;
    data = generateTenantData(config, { scale: SCALE });
    tenant = (await seedDemoTenants(database.owner, { scale: SCALE, configs: [config] })).tenants[0]!;
    other = await createFixtureTenant(database, "other");
    const actor = { tenantId: tenant.tenantId, role: "owner" as const };
    const run = await inTenant((tx) => createTrainingRun(tx, actor, TRAIN));
    await executeTrainingRun(database, actor, run.id);
  }, 1_200_000);
  afterAll(() => database?.close());

  /** Realised margins per series: [name, plan on the model, fixed schedule, plan on the true response]. */
  const results: [string, number, number, number][] = [];

  it("plans on the true demand response beat the fixed −30%/−50% schedule on seasons drawn from the generator, for Northwind's winter lines", async () => {
    const params = data.truth.params;
    const firstDay = params.days;
    const report: string[] = [];
    let planned = 0;
    for (const itemId of seasonal()) {
      for (const storeId of data.stores.map((s) => s.id)) {
        const truth = trueDemand(data, config, storeId, itemId);
        // Stock 1.5× what the season would sell at full price: a clearance problem.
        const probe = await inTenant((tx) => markdownSetup(tx, { store: storeId, item: itemId, sellBy: sellBy(), stock: 0 }));
        if (!probe.input) continue;
        const price = probe.input.regularPrice;
        const weekMean = (w: number, d: number) => Array.from({ length: 7 }, (_, k) => truth(firstDay + 7 * w + k, price * (1 - d))).reduce((a, b) => a + b, 0);
        const fullPrice = Array.from({ length: SEASON_WEEKS }, (_, w) => weekMean(w, 0)).reduce((a, b) => a + b, 0);
        const stock = Math.max(10, Math.round(1.5 * fullPrice));
        const setup = await inTenant((tx) => markdownSetup(tx, { store: storeId, item: itemId, sellBy: sellBy(), stock }));
        const input = setup.input!;
        expect(input.weeks).toBe(SEASON_WEEKS);
        const p = planMarkdown(input);
        // The same seasons for both policies: each draws day by day from the true process.
        const sell = (rng: Rng) => (w: number, d: number) => Array.from({ length: 7 }, (_, k) => sampleNegativeBinomial(rng, truth(firstDay + 7 * w + k, price * (1 - d)), params.demandDispersion)).reduce((a, b) => a + b, 0);
        const fixedSteps = [0, 0.3, 0.5];
        // The same seasons for every policy; the truth's weekly demand is NB with the generator's daily shape × 7 days.
        const onTruth = planMarkdown({ ...input, demand: weekMean, distribution: { kind: "negativeBinomial", size: params.demandDispersion * 7 } });
        const realised = (choose: Parameters<typeof simulateSeason>[2], steps: readonly number[]) => {
          let margin = 0;
          for (let run = 0; run < SEASONS; run++) margin += simulateSeason(input, steps, choose, sell(new Rng(params.seed, "season", storeId, itemId, run))).margin / SEASONS;
          return margin;
        };
        const planMargin = realised(p.decide, input.ladder);
        const fixedMargin = realised((w) => fixedSteps.indexOf(fixedScheduleDiscount(SEASON_WEEKS - w, 0)), fixedSteps);
        const truthMargin = realised(onTruth.decide, input.ladder);
        const ladder = (x: typeof p) => x.ladder.map((w) => Math.round(w.discount * 100)).join("/");
        report.push(`${itemId}@${storeId}: stock ${stock}, price ${price.toFixed(2)}; realised margin: plan on the model ${planMargin.toFixed(0)} (ladder ${ladder(p)}), fixed ${fixedMargin.toFixed(0)}, plan on the truth ${truthMargin.toFixed(0)} (ladder ${ladder(onTruth)})`);
        results.push([`${itemId}@${storeId}`, planMargin, fixedMargin, truthMargin]);
        planned++;
      }
    }
    console.log(`realised margin over ${SEASONS} seasons of ${SEASON_WEEKS} weeks (${driver}):\n${report.join("\n")}`);
    expect(planned).toBeGreaterThanOrEqual(3);
    for (const [name, , fixedMargin, truthMargin] of results) expect(truthMargin, name).toBeGreaterThan(fixedMargin);
  });

  // NOT MET today (README "Pricing"): the model's learned price response is attenuated (about a
  // third of the true elasticity), so its plans mark down too little and lose to the fixed
  // schedule on most of these series. `it.fails` turns red once the plan beats it on every one.
  it.fails("plans on the production model's response beat the fixed schedule on the same seasons", () => {
    expect(results.length).toBeGreaterThanOrEqual(3);
    for (const [name, planMargin, fixedMargin] of results) expect(planMargin, name).toBeGreaterThan(fixedMargin);
  });

  it("returns the ladder and both outcomes, with the stock from the latest count when none is given, and explains the weeks past the horizon", async () => {
    const itemId = seasonal()[0]!;
    const r = await plan({ store: data.stores[0]!.id, item: itemId, sellBy: sellBy() });
    expect(r.stockSource).toBe("inventory");
    expect(r.reason).toBeNull();
    expect(r.ladder).toHaveLength(SEASON_WEEKS);
    expect(r.ladder[0]!.weekStart).toBe(r.start);
    for (let w = 1; w < r.ladder.length; w++) expect(r.ladder[w]!.discount).toBeGreaterThanOrEqual(r.ladder[w - 1]!.discount);
    for (const w of r.ladder) expect(DEFAULT_PRICING_SETTINGS.markdownLadder).toContain(w.discount);
    expect(r.plan!.margin).toBeGreaterThanOrEqual(r.fixed!.margin - 1e-6);
    expect(r.plan!.units + r.plan!.leftover).toBeCloseTo(r.stock, 4);
    expect(r.notes.join(" ")).toMatch(/beyond the model's 28-day horizon/);
    expect(r.settings.salvagePerUnit).toBeCloseTo(DEFAULT_PRICING_SETTINGS.salvageRate * r.item.unitCost!, 9);

    const none = await plan({ store: data.stores[0]!.id, item: itemId, sellBy: sellBy(), stock: 0 });
    expect(none.ladder.every((w) => w.discount === 0)).toBe(true);
    await expect(plan({ store: data.stores[0]!.id, item: itemId, sellBy: r.start })).rejects.toThrow(/at least a week after/);
    await expect(plan({ store: data.stores[0]!.id, item: itemId, sellBy: addDays(r.start, 400) })).rejects.toThrow(/within 52 weeks/);
    await expect(plan({ store: data.stores[0]!.id, item: itemId, sellBy: "2027-02-30" })).rejects.toThrow(/not a valid date/);
  });

  it("uses the tenant's settings: admins edit them (validated, audited), viewers cannot, and another tenant keeps its own", async () => {
    const admin = callerFor(database, other.users.admin.id, other.slug);
    const viewer = callerFor(database, other.users.viewer.id, other.slug);
    expect(await viewer.pricing.settings()).toEqual(DEFAULT_PRICING_SETTINGS);
    const mine = { maxStep: 0.05, minMargin: 0.3, priceEndings: [0.95], salvageRate: 0.1, markdownLadder: [0, 0.25, 0.5], minWeeksPerStep: 3 };
    await expect(viewer.pricing.updateSettings(mine)).rejects.toThrow(/admin/i);
    expect(await admin.pricing.updateSettings(mine)).toEqual(mine);
    expect(await viewer.pricing.settings()).toEqual(mine);
    await expect(admin.pricing.updateSettings({ ...mine, markdownLadder: [0, 0.5, 0.3] })).rejects.toThrow(/strictly ascending/);
    await expect(admin.pricing.updateSettings({ ...mine, markdownLadder: [0.1, 0.5] })).rejects.toThrow(/starts at 0/);
    await expect(admin.pricing.updateSettings({ ...mine, priceEndings: [0.495] })).rejects.toThrow(/whole cents/);
    await expect(admin.pricing.updateSettings({ ...mine, minWeeksPerStep: 0 })).rejects.toThrow(/minWeeksPerStep/);
    expect(await viewer.pricing.settings()).toEqual(mine);
    // RLS, not a filter: Northwind's transaction sees no settings row and gets the defaults.
    expect(await inTenant((tx) => getPricingSettings(tx))).toEqual(DEFAULT_PRICING_SETTINGS);
  });

  it("applies the tenant's settings to recommendations and markdown plans", async () => {
    const [owner] = await inTenant((tx) => tx.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.role, "owner")));
    const actor = { tenantId: tenant.tenantId, userId: owner!.userId, role: "owner" as const };
    const settings = { maxStep: 0.04, minMargin: 0.1, priceEndings: [0.99], salvageRate: 0.5, markdownLadder: [0, 0.2, 0.4], minWeeksPerStep: 3 };
    await inTenant((tx) => updatePricingSettings(tx, actor, settings));
    const itemId = seasonal()[0]!;
    const storeId = data.stores[0]!.id;
    const r = await inTenant((tx) => getPriceRecommendation(tx, { store: storeId, item: itemId }));
    expect(r.guardrails.maxStep).toBe(0.04);
    expect(r.guardrails.endings).toEqual([0.99]);
    if (r.recommended) expect(Math.abs(r.recommended.price / r.currentPrice - 1)).toBeLessThanOrEqual(0.04 + 1e-9);
    const m = await plan({ store: storeId, item: itemId, sellBy: sellBy(), stock: 200 });
    expect(m.settings).toMatchObject({ ladder: [0, 0.2, 0.4], minWeeksPerStep: 3, salvageRate: 0.5 });
    for (const w of m.ladder) expect([0, 0.2, 0.4]).toContain(w.discount);
    let run = 1;
    for (let w = 1; w <= m.ladder.length; w++) {
      if (w < m.ladder.length && m.ladder[w]!.discount === m.ladder[w - 1]!.discount) run++;
      else {
        if (w - run > 0) expect(run).toBeGreaterThanOrEqual(3);
        run = 1;
      }
    }
    await inTenant((tx) => updatePricingSettings(tx, actor, DEFAULT_PRICING_SETTINGS));
  });

  it("serves GET /api/v1/pricing/markdown (in the OpenAPI document) with JSON errors and tenant isolation", async () => {
    const api = createRestApi({ getDatabase: async () => database });
    const { key } = await createKey(database, tenant.tenantId, "read");
    const itemId = seasonal()[0]!;
    const storeId = data.stores[0]!.id;
    const query = `store=${storeId}&item=${itemId}&sellBy=${sellBy()}&stock=80`;
    const res = await call(api.markdownPlan, "/pricing/markdown", { key, query });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(JSON.parse(JSON.stringify(await plan({ store: storeId, item: itemId, sellBy: sellBy(), stock: 80 }))));
    const error = async (q: string) => (await call(api.markdownPlan, "/pricing/markdown", { key, query: q })).body.error;
    expect((await error(`store=${storeId}&item=${itemId}&sellBy=tomorrow`))?.message).toMatch(/sellBy/);
    expect((await error(`store=${storeId}&item=${itemId}&sellBy=${sellBy()}&stock=-3`))?.message).toMatch(/stock/);
    expect((await error(`store=${storeId}&item=nope&sellBy=${sellBy()}`))?.code).toBe("not_found:item");
    const theirs = await createKey(database, other.id, "read");
    expect((await call(api.markdownPlan, "/pricing/markdown", { key: theirs.key, query })).status).toBe(404);
    const doc = buildOpenApiDocument() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/pricing/markdown");
  });
});
