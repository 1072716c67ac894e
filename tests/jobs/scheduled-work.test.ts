import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, forecasts, jobSchedules, jobs } from "@/drizzle/schema";
import type { Job } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { withQueueRole, withTenant } from "@/server/db/tenant-context";
import { JOB_DEFINITIONS, SYSTEM_REQUESTER } from "@/server/jobs/definitions";
import { enqueueJob, getJob, listTenantJobs } from "@/server/jobs/queue";
import { scheduleDueJobs } from "@/server/jobs/scheduler";
import { DEFAULT_SCHEDULE, getScheduleSettings, updateScheduleSettings } from "@/server/jobs/schedules";
import { startWorker } from "@/server/jobs/worker";
import { explainForecast } from "@/server/services/explain/explain-forecast";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { getProductionModel } from "@/server/services/models/registry";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { AppError } from "@/server/errors/app-error";
import { callerFor } from "../helpers/trpc-caller";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 2, items: 3, days: 200 };
const FAST = { horizon: 7, folds: 1, trees: 12 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 86_400_000;

const runDefinition = (name: keyof typeof JOB_DEFINITIONS, database: TestDatabase, tenantId: string, payload: unknown) =>
  JOB_DEFINITIONS[name].run(database, tenantId, JOB_DEFINITIONS[name].schema.parse(payload));

describe.each(testDrivers())("drift check and re-forecast on %s", (driver) => {
  let database: TestDatabase;
  let matching: string;
  let drifting: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const configs = (await loadTenantConfigs()).filter((c) => c.slug === "acme-grocers" || c.slug === "northwind-fashion");
    const seeded = await seedDemoTenants(database.owner, { scale: SCALE, configs });
    [matching, drifting] = seeded.tenants.map((t) => t.tenantId) as [string, string];
    for (const tenantId of [matching, drifting]) {
      const actor = { tenantId, role: "admin" as const };
      const run = await withTenant(database, tenantId, (tx) => createTrainingRun(tx, actor, FAST));
      await executeTrainingRun(database, actor, run.id);
    }
    // The week after training arrives: the first tenant sells what was forecast, the second far more.
    await appendActuals(matching, "round(coalesce(f.mean, f.p50))");
    await appendActuals(drifting, "round(coalesce(f.mean, f.p50) * 4 + 12)");
  }, 180_000);
  afterAll(() => database?.close());

  /** Adds a sales row for every stored production forecast day, units from `units` (SQL over the forecast `f`), price from the series' last sale. */
  async function appendActuals(tenantId: string, units: string) {
    await withTenant(database, tenantId, async (tx) => {
      const model = (await getProductionModel(tx))!;
      await tx.execute(sql`
        insert into sales (tenant_id, date, store_id, item_id, units, price)
        select f.tenant_id, f.date, f.store_id, f.item_id, ${sql.raw(units)}::int,
               (select s.price from sales s where s.store_id = f.store_id and s.item_id = f.item_id order by s.date desc limit 1)
          from forecasts f where f.model_version_id = ${model.id}`);
    });
  }

  const auditActions = (tenantId: string) => withTenant(database, tenantId, async (tx) => (await tx.select({ action: auditLog.action, details: auditLog.details }).from(auditLog)).map((r) => r));

  it("a tenant whose actuals match the forecasts is not drifting, and no retrain is queued", async () => {
    const result = await runDefinition("drift_check", database, matching, { requestedBy: SYSTEM_REQUESTER, marginPct: 25 });
    expect(result).toMatchObject({ status: "checked", drifted: false, scoredDays: 7 });
    expect(result.rmsse as number).toBeLessThan(result.backtestRmsse as number);
    expect((await listTenantJobs(database, matching)).filter((j) => j.name === "retrain")).toHaveLength(0);
  });

  it("a tenant whose actuals are far off is drifting: the check audits it and queues one drift retrain, which runs, audited with its reason", async () => {
    const result = await runDefinition("drift_check", database, drifting, { requestedBy: SYSTEM_REQUESTER, marginPct: 25 });
    expect(result).toMatchObject({ status: "checked", drifted: true, scoredDays: 7 });
    expect(result.rmsse as number).toBeGreaterThan(result.threshold as number);
    // The check retried (or run again for the same window) queues nothing more.
    const again = await runDefinition("drift_check", database, drifting, { requestedBy: SYSTEM_REQUESTER, marginPct: 25 });
    expect(again.retrainJobId).toBeNull();
    const retrains = (await listTenantJobs(database, drifting)).filter((j) => j.name === "retrain");
    expect(retrains).toHaveLength(1);
    expect(retrains[0]!.id).toBe(result.retrainJobId);
    expect(retrains[0]!.payload).toMatchObject({ reason: "drift", drift: { marginPct: 25 } });
    expect((await auditActions(drifting)).map((a) => a.action)).toContain("model.drift_detected");

    const before = await withTenant(database, drifting, (tx) => getProductionModel(tx));
    const worker = startWorker(database, { pollMs: 50 });
    let done: Job;
    try {
      for (;;) {
        done = (await getJob(database, retrains[0]!.id))!;
        if (done.status === "succeeded" || done.status === "dead") break;
        await sleep(200);
      }
    } finally {
      await worker.stop();
    }
    expect(done.status, done.lastError ?? "").toBe("succeeded");
    expect(done.result).toMatchObject({ reason: "drift" });
    const audit = await auditActions(drifting);
    const entry = audit.find((a) => a.action === "model.retrain_on_drift");
    expect(entry?.details).toMatchObject({ reason: "drift", horizon: before!.horizon, drift: { marginPct: 25 } });
    // The registry's rule decided: promoted only when the new backtest beat production's.
    const after = await withTenant(database, drifting, (tx) => getProductionModel(tx));
    if (done.result!.promoted) expect(after!.metrics.model!.rmsse).toBeLessThan(before!.metrics.model!.rmsse);
    else expect(after!.id).toBe(before!.id);
  }, 180_000);

  it("re-forecasts from the latest sales with production's trees as a new production version; the old forecasts stay for scoring", async () => {
    const before = (await withTenant(database, matching, (tx) => getProductionModel(tx)))!;
    const result = await runDefinition("reforecast", database, matching, { requestedBy: SYSTEM_REQUESTER });
    expect(result).toMatchObject({ status: "reforecast", from: before.version, promoted: true, forecastFrom: addDaysIso(before.trainedTo, 7) });
    const { after, rows, oldRows, audit } = await withTenant(database, matching, async (tx) => {
      const after = (await getProductionModel(tx))!;
      const rows = await tx.select({ date: forecasts.date }).from(forecasts).where(eq(forecasts.modelVersionId, after.id));
      const oldRows = await tx.select({ date: forecasts.date }).from(forecasts).where(eq(forecasts.modelVersionId, before.id));
      const audit = await tx.select().from(auditLog).where(eq(auditLog.action, "model.reforecast"));
      return { after, rows, oldRows, audit };
    });
    expect(after.artifacts).toEqual(before.artifacts);
    expect(after.metrics).toEqual(before.metrics);
    expect(after.params.reforecastOf).toEqual({ id: before.id, version: before.version, fittedTo: before.trainedTo });
    expect(Math.min(...rows.map((r) => Date.parse(r.date)))).toBe(Date.parse(addDaysIso(before.trainedTo, 8)));
    expect(oldRows.length).toBe(rows.length);
    expect(audit[0]?.details).toMatchObject({ replaced: before.version, fittedTo: before.trainedTo });
    // Explanations rebuild the rows at the new version's origin, with the same trees, and reproduce its stored forecast.
    const [first] = await withTenant(database, matching, (tx) => tx.select().from(forecasts).where(eq(forecasts.modelVersionId, after.id)).limit(1));
    const explained = await withTenant(database, matching, (tx) => explainForecast(tx, matching, { itemId: first!.itemId, storeId: first!.storeId, date: first!.date, days: 1 }));
    expect(explained.forecast).toBeCloseTo(first!.p50, 3);
    // No newer sales: nothing to do.
    expect(await runDefinition("reforecast", database, matching, { requestedBy: SYSTEM_REQUESTER })).toMatchObject({ status: "up_to_date" });
  }, 120_000);
});

describe.each(testDrivers())("scheduler on %s", (driver) => {
  let database: TestDatabase;
  let tenant: FixtureTenant;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    tenant = await createFixtureTenant(database, "sched");
  });
  afterAll(() => database?.close());

  const admin = () => ({ tenantId: tenant.id, userId: tenant.users.admin.id, role: "admin" as const });
  const schedule = {
    retrain: { frequency: "daily" as const, hour: 3, weekday: 1, dayOfMonth: 1 },
    reforecast: { daily: true, hour: 4 },
    drift: { enabled: true, marginPct: 30, hour: 5 },
  };
  const scheduledJobs = () => withQueueRole(database, (tx) => tx.select().from(jobs).where(and(eq(jobs.tenantId, tenant.id), sql`${jobs.dedupeKey} is not null`)));
  /** Finishes the tenant's active jobs, as workers would, so the next period's are not held back by their singleton keys. */
  const finishAll = () => withQueueRole(database, (tx) => tx.update(jobs).set({ status: "succeeded", finishedAt: sql`now()` }).where(and(eq(jobs.tenantId, tenant.id), sql`${jobs.status} in ('queued', 'running')`)));

  it("admins save a validated schedule through tRPC; others are refused, bad values are named", async () => {
    // The fixture's row has every default: nothing scheduled.
    expect(await withTenant(database, tenant.id, (tx) => getScheduleSettings(tx))).toMatchObject(DEFAULT_SCHEDULE);
    expect(await scheduleDueJobs(database, new Date(Date.now() + 40 * DAY))).toEqual([]);
    const analyst = callerFor(database, tenant.users.analyst.id, tenant.slug);
    await expect(analyst.models.updateSchedule(schedule)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const caller = callerFor(database, tenant.users.admin.id, tenant.slug);
    await expect(caller.models.updateSchedule({ ...schedule, retrain: { ...schedule.retrain, hour: 24 } })).rejects.toThrow(/retrain.hour must be a whole hour from 0 to 23/);
    await expect(caller.models.updateSchedule({ ...schedule, drift: { ...schedule.drift, marginPct: 0 } })).rejects.toThrow(/drift.marginPct must be above 0/);
    const saved = await caller.models.updateSchedule(schedule);
    expect(saved).toMatchObject(schedule);
    expect(await analyst.models.schedule()).toMatchObject(schedule);
  });

  it("concurrent schedulers queue each due job exactly once per period", async () => {
    const tomorrow = new Date(Date.now() + DAY + 6 * 3_600_000);
    const results = await Promise.all(Array.from({ length: 8 }, () => scheduleDueJobs(database, tomorrow)));
    expect(results.flat().length).toBe(3);
    const queued = await scheduledJobs();
    expect(queued.map((j) => j.name).sort()).toEqual(["drift_check", "reforecast", "retrain"]);
    expect(queued.find((j) => j.name === "retrain")!.payload).toMatchObject({ reason: "schedule", requestedBy: { userId: null, role: "admin" } });
    expect(queued.find((j) => j.name === "drift_check")!.payload).toMatchObject({ marginPct: 30 });
    // Later in the same period: nothing new, even once those jobs have finished.
    await finishAll();
    expect(await scheduleDueJobs(database, new Date(tomorrow.getTime() + 3_600_000))).toEqual([]);
    // The next day: one more of each.
    const next = await Promise.all(Array.from({ length: 4 }, () => scheduleDueJobs(database, new Date(tomorrow.getTime() + DAY))));
    expect(next.flat().map((j) => j.name).sort()).toEqual(["drift_check", "reforecast", "retrain"]);
    expect(new Set((await scheduledJobs()).map((j) => j.dedupeKey)).size).toBe(6);
    await finishAll();
  });

  it("a period in which a retrain was already queued by hand gets no scheduled one; saving a schedule never fires a past slot", async () => {
    await withTenant(database, tenant.id, (tx) => updateScheduleSettings(tx, admin(), { ...schedule, reforecast: { daily: false, hour: 4 }, drift: { ...schedule.drift, enabled: false } }));
    // Saved now: today's slot is in the past, so nothing is due.
    expect(await scheduleDueJobs(database)).toEqual([]);
    // Pretend it was saved three days ago; a retrain queued by hand now falls in the current period.
    await database.owner.db.update(jobSchedules).set({ updatedAt: new Date(Date.now() - 3 * DAY) }).where(eq(jobSchedules.tenantId, tenant.id));
    await enqueueJob(database, { name: "retrain", tenantId: tenant.id, payload: {}, singletonKey: `retrain:${tenant.id}` });
    expect(await scheduleDueJobs(database)).toEqual([]);
    // A second active retrain is refused by the singleton key whoever asks.
    await expect(enqueueJob(database, { name: "retrain", tenantId: tenant.id, payload: {}, singletonKey: `retrain:${tenant.id}` })).rejects.toBeInstanceOf(AppError);
  });

  it("the tenant role sees only its own schedule", async () => {
    const other = await createFixtureTenant(database, "sched-other");
    // The other tenant sees its own (default) row only, never this tenant's saved schedule.
    const seen = await withTenant(database, other.id, (tx) => tx.select().from(jobSchedules));
    expect(seen.map((r) => r.tenantId)).toEqual([other.id]);
    expect(seen[0]!.retrainFrequency).toBe("off");
  });
});
