import { TRPCError } from "@trpc/server";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experimentRuns, modelVersions, users } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { createRestApi } from "@/server/rest/endpoints";
import { startWorker } from "@/server/jobs/worker";
import type { Worker } from "@/server/jobs/worker";
import { loadArtifacts, loadTrees, registerModelVersion } from "@/server/services/models/registry";
import type { FixtureTenant } from "../helpers/fixtures";
import { seedAcmeBesideOther } from "../helpers/seeded-acme";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";
import { call, createKey } from "../rest/rest-client";

/** Small enough to train in seconds, long enough for two 7-day backtest folds and weekly seasonality. */
const SCALE = { stores: 2, items: 6, days: 200 };
const TRAINING = { trees: 20, folds: 2, horizon: 7 } as const;
const BASELINES = ["seasonal_naive", "moving_average_28", "holt_winters", "croston", "tsb"];

type Caller = ReturnType<typeof callerFor>;
type Run = Awaited<ReturnType<Caller["models"]["run"]>>;

const pick = <T extends object, K extends keyof T>(row: T, keys: K[]) => Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;

async function trpcCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "OK";
}

/** Follows a run through `models.run`, as the Models page does, until it succeeds or fails. */
async function waitForRun(caller: Caller, runId: string, timeoutMs = 120_000): Promise<Run> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await caller.models.run({ runId });
    if (run.status === "succeeded" || run.status === "failed") return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} at ${run.progress} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(testDrivers())("forecasts and models API on %s", (driver) => {
  let database: TestDatabase;
  let acmeId: string;
  let as: Record<Role, Caller>;
  let other: FixtureTenant;
  let run: Run;
  let secondRetrainCode: string;
  let worker: Worker | undefined;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    // models.retrain queues a job: a worker (as `npm run worker` would on PostgreSQL) trains it.
    worker = startWorker(database, { pollMs: 200 });
    const seeded = await seedAcmeBesideOther(database, SCALE);
    const acme = seeded.acme;
    ({ acmeId, other } = seeded);

    const emails = acme.demoUsers.map((u) => u.email);
    const rows = await database.owner.db.select().from(users).where(inArray(users.email, emails));
    const callerAs = (role: Role) => callerFor(database, rows.find((u) => u.email === `${role}@acme.test`)!.id, acme.slug);
    as = { owner: callerAs("owner"), admin: callerAs("admin"), analyst: callerAs("analyst"), viewer: callerAs("viewer") };

    const started = await as.admin.models.retrain(TRAINING);
    // The first run is still going: a second one must be refused, not queued behind it.
    secondRetrainCode = await trpcCode(as.admin.models.retrain(TRAINING));
    run = await waitForRun(as.admin, started.id);
  });
  afterAll(async () => {
    await worker?.stop();
    await database?.close();
  });

  it("trains through models.retrain: the run ends succeeded at progress 1 and its version is production", async () => {
    expect(run.status, run.message ?? "").toBe("succeeded");
    expect(run.progress).toBe(1);
    expect(run.message).toMatch(/v1 promoted to production/);
    expect(secondRetrainCode).toBe("CONFLICT");

    const versions = await as.viewer.models.versions();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ id: run.modelVersionId, version: 1, status: "production", horizon: TRAINING.horizon });
    expect(Object.keys(versions[0]!.metrics).sort()).toEqual(["model", ...BASELINES].sort());
    const runs = await as.viewer.models.runs();
    expect(runs.map((r) => r.id)).toContain(run.id);
  });

  it("forecasts.series returns history and a 7-day P10 ≤ P50 ≤ P90 forecast from the origin on", async () => {
    const [store] = await as.viewer.catalog.stores();
    const top = await as.viewer.forecasts.topSeries({ storeId: store!.id, limit: 3 });
    expect(top.length).toBeGreaterThan(0);
    expect(top.map((t) => t.units)).toEqual([...top.map((t) => t.units)].sort((a, b) => b - a));

    const series = await as.viewer.forecasts.series({ storeId: store!.id, itemId: top[0]!.itemId, historyDays: 60 });
    expect(series.model?.version).toBe(1);
    expect(series.history.length).toBeGreaterThan(30);
    expect(series.history.length).toBeLessThanOrEqual(60);
    expect(series.forecast).toHaveLength(TRAINING.horizon);
    const nextDay = new Date(Date.parse(`${series.model!.trainedTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(series.forecast[0]!.date).toBe(nextDay);
    for (const day of series.forecast) {
      expect(day.p10).toBeLessThanOrEqual(day.p50);
      expect(day.p50).toBeLessThanOrEqual(day.p90);
      expect(day.p10).toBeGreaterThanOrEqual(0);
    }
  });

  it("names the point forecast: each day's point is its mean, over the API too, and store totals are sums of means", async () => {
    const [store] = await as.viewer.catalog.stores();
    const [top] = await as.viewer.forecasts.topSeries({ storeId: store!.id, limit: 1 });
    const series = await as.viewer.forecasts.series({ storeId: store!.id, itemId: top!.itemId });
    expect(series.point).toEqual({ source: "mean", label: "mean — point forecast (expected units)" });
    for (const day of series.forecast) expect(day.point).toBe(day.mean);

    const total = await as.viewer.forecasts.aggregate({ storeId: store!.id });
    expect(total.series).toBe(SCALE.items);
    expect(total.days).toHaveLength(TRAINING.horizon);
    expect(total.days[0]!.p10).toBeLessThanOrEqual(total.days[0]!.point);
    expect(await trpcCode(as.viewer.forecasts.aggregate({ storeId: "other-S1" }))).toBe("NOT_FOUND");

    const { key } = await createKey(database, acmeId, "read");
    const api = createRestApi({ getDatabase: async () => database });
    const rest = await call(api.seriesForecast, "/forecasts", { key, query: new URLSearchParams({ store: store!.id, item: top!.itemId }).toString() });
    expect(rest.status).toBe(200);
    expect(rest.body.data).toMatchObject({ point: { source: "mean" }, forecast: series.forecast });
    const restTotal = await call(api.aggregateForecast, "/forecasts/aggregate", { key, query: `store=${encodeURIComponent(store!.id)}` });
    expect(restTotal.body.data).toEqual(total);
    const missing = await call(api.aggregateForecast, "/forecasts/aggregate", { key, query: "category=No%20such" });
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe("not_found:category");
  });

  it("viewers cannot retrain, promote or roll back; analysts cannot promote; both can read", async () => {
    const modelVersionId = run.modelVersionId!;
    expect(await trpcCode(as.viewer.models.retrain(TRAINING))).toBe("FORBIDDEN");
    expect(await trpcCode(as.viewer.models.promote({ modelVersionId }))).toBe("FORBIDDEN");
    expect(await trpcCode(as.viewer.models.rollback())).toBe("FORBIDDEN");
    expect(await trpcCode(as.analyst.models.promote({ modelVersionId, force: true }))).toBe("FORBIDDEN");
    expect(await trpcCode(as.analyst.models.retrain(TRAINING))).toBe("FORBIDDEN");
    expect((await as.analyst.models.run({ runId: run.id })).status).toBe("succeeded");
    expect(await withTenant(database, acmeId, (tx) => tx.select().from(experimentRuns))).toHaveLength(1);
  });

  it("another tenant's stores, items, runs and versions are NOT_FOUND", async () => {
    const [store] = await as.admin.catalog.stores();
    const [otherRun] = await withTenant(database, other.id, (tx) => tx.select().from(experimentRuns));
    const [otherVersion] = await withTenant(database, other.id, (tx) => tx.select().from(modelVersions));
    expect(await trpcCode(as.admin.forecasts.series({ storeId: "other-S1", itemId: "other-I1" }))).toBe("NOT_FOUND");
    expect(await trpcCode(as.admin.forecasts.series({ storeId: store!.id, itemId: "other-I1" }))).toBe("NOT_FOUND");
    expect(await trpcCode(as.admin.forecasts.topSeries({ storeId: "other-S1" }))).toBe("NOT_FOUND");
    expect(await trpcCode(as.admin.models.run({ runId: otherRun!.id }))).toBe("NOT_FOUND");
    expect(await trpcCode(as.admin.models.promote({ modelVersionId: otherVersion!.id, force: true }))).toBe("NOT_FOUND");
    // And the other tenant still sees only its own fixture model.
    const otherOwner = callerFor(database, other.users.owner.id, other.slug);
    expect((await otherOwner.models.versions()).map((v) => v.id)).toEqual([otherVersion!.id]);
  });

  it("a worse version is refused with CONFLICT, an admin can force it, and rollback restores the previous production model", async () => {
    const [store] = await as.admin.catalog.stores();
    const [top] = await as.admin.forecasts.topSeries({ storeId: store!.id, limit: 1 });
    const seriesInput = { storeId: store!.id, itemId: top!.itemId };
    const [trained] = await withTenant(database, acmeId, (tx) => tx.select().from(modelVersions));
    const worseMetrics = { ...trained!.metrics, model: { ...trained!.metrics.model!, rmsse: trained!.metrics.model!.rmsse + 1 } };
    const trees = await withTenant(database, acmeId, (tx) => loadTrees(tx, trained!));
    const register = (onnx: Record<string, Uint8Array>) =>
      withTenant(database, acmeId, (tx) =>
        registerModelVersion(tx, { tenantId: acmeId, role: "admin" }, {
          ...pick(trained!, ["algorithm", "params", "features", "trainedFrom", "trainedTo", "horizon", "trainSeconds"]),
          metrics: worseMetrics,
          onnx,
          trees,
        }),
      );
    // Bytes onnxruntime cannot load never become a version, so they can never be forced into production.
    await expect(register({ p50: new Uint8Array([7, 7, 7]) })).rejects.toMatchObject({ code: "bad_request:model_artifact", message: expect.stringMatching(/not an ONNX model onnxruntime can load/) });
    const worse = await register(await withTenant(database, acmeId, (tx) => loadArtifacts(tx, trained!)));

    await expect(as.admin.models.promote({ modelVersionId: worse.id })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/does not beat production v1/) });
    expect((await as.admin.forecasts.series(seriesInput)).model?.version).toBe(1);

    const forced = await as.admin.models.promote({ modelVersionId: worse.id, force: true });
    expect(forced.status).toBe("production");
    const afterForce = await as.analyst.forecasts.series(seriesInput);
    expect(afterForce.model?.version).toBe(worse.version);
    expect(afterForce.forecast).toEqual([]); // registered by hand (the trained version's artifacts), so it has no stored forecasts

    const restored = await as.admin.models.rollback();
    expect(restored.id).toBe(trained!.id);
    const statuses = Object.fromEntries((await as.viewer.models.versions()).map((v) => [v.version, v.status]));
    expect(statuses).toEqual({ 1: "production", [worse.version]: "archived" });
    expect((await as.viewer.forecasts.series(seriesInput)).forecast).toHaveLength(TRAINING.horizon);
  });
});
