import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ModelMetrics } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { listAudit } from "@/server/services/audit/list-audit";
import { getProductionModel, listModelVersions, loadArtifacts, loadTrees, promoteModelVersion, registerModelVersion, rollbackModel } from "@/server/services/models/registry";
import { trainGbdt } from "@/models/gbdt";
import type { GbdtModel } from "@/models/gbdt";
import { syntheticData } from "@/models/gbdt/synthetic-data.fixture";
import { exportToOnnx } from "@/models/onnx";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

const metrics = (rmsse: number): ModelMetrics => ({ model: { mae: 1, rmse: 1, wape: 0.3, bias: 0, rmsse, coverage80: 0.8, pinball: 0.2 } });

const FEATURES = ["x0", "x1", "x2", "category"];

/** A real (tiny) trained model: the registry refuses bytes onnxruntime cannot load, and keeps the trees beside them. */
function trainedModel(seed: number): { onnx: Uint8Array; trees: GbdtModel } {
  const { x, y } = syntheticData(300, { nFeatures: FEATURES.length, seed });
  const trees = trainGbdt(x, y, { nTrees: 3, maxDepth: 3, seed }).model;
  return { onnx: exportToOnnx(trees), trees };
}
const trainedOnnx = (seed: number) => trainedModel(seed).onnx;
const trainedVersionTrees = (seed: number) => ({ p10: trainedModel(seed * 3).trees, p50: trainedModel(seed * 3 + 1).trees, p90: trainedModel(seed * 3 + 2).trees });

function version(rmsse: number, seed: number) {
  const [p10, p50, p90] = [trainedModel(seed * 3), trainedModel(seed * 3 + 1), trainedModel(seed * 3 + 2)];
  return {
    algorithm: "gbdt",
    params: { trees: 3 },
    features: FEATURES,
    trainedFrom: "2025-01-01",
    trainedTo: "2026-01-01",
    horizon: 28,
    metrics: metrics(rmsse),
    trainSeconds: 2.5,
    onnx: { p10: p10.onnx, p50: p50.onnx, p90: p90.onnx },
    trees: { p10: p10.trees, p50: p50.trees, p90: p90.trees },
  };
}

describe.each(testDrivers())("model registry on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;
  let admin: Actor;
  let analyst: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
    admin = { tenantId: a.id, userId: a.users.admin.id, role: "admin" };
    analyst = { tenantId: a.id, userId: a.users.analyst.id, role: "analyst" };
  });
  afterAll(() => database.close());

  it("registers, promotes only improvements unless forced, archives and rolls back, all audited", async () => {
    const run = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, a.id, fn);
    const v1 = await run((tx) => registerModelVersion(tx, admin, version(0.9, 1)));
    const v2 = await run((tx) => registerModelVersion(tx, admin, version(0.8, 2)));
    const worse = await run((tx) => registerModelVersion(tx, admin, version(0.95, 3)));
    expect([v1.version, v2.version, worse.version]).toEqual([2, 3, 4]); // the fixture holds v1

    await expect(run((tx) => promoteModelVersion(tx, analyst, { modelVersionId: v1.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "forbidden:role");
    await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: v1.id }));
    await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: v2.id }));
    await expect(run((tx) => promoteModelVersion(tx, admin, { modelVersionId: worse.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:not_better");
    expect((await run((tx) => getProductionModel(tx)))?.id).toBe(v2.id);

    await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: worse.id, force: true }));
    const statuses = Object.fromEntries((await run((tx) => listModelVersions(tx))).map((v) => [v.version, v.status]));
    expect(statuses).toMatchObject({ 2: "archived", 3: "archived", 4: "production" });

    const restored = await run((tx) => rollbackModel(tx, admin));
    expect(restored.id).toBe(v2.id);
    expect((await run((tx) => getProductionModel(tx)))?.id).toBe(v2.id);
    const artifacts = await run((tx) => loadArtifacts(tx, restored));
    expect(Array.from(artifacts.p50!)).toEqual(Array.from(trainedOnnx(2 * 3 + 1)));
    // The trees come back exactly as registered, node covers included.
    expect(await run((tx) => loadTrees(tx, restored))).toEqual(trainedVersionTrees(2));

    // A second rollback steps further back (to v1), not to the version just rolled back from.
    expect((await run((tx) => rollbackModel(tx, admin))).id).toBe(v1.id);
    await expect(run((tx) => rollbackModel(tx, admin))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:no_previous");

    const actions = (await run((tx) => listAudit(tx, { limit: 50 }))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["model.registered", "model.promoted", "model.promoted_forced", "model.rolled_back"]));
  });

  it("refuses to compare backtests of different horizons unless forced", async () => {
    const run = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, a.id, fn);
    const shortHorizon = await run((tx) => registerModelVersion(tx, admin, { ...version(0.5, 9), horizon: 7 }));
    await expect(run((tx) => promoteModelVersion(tx, admin, { modelVersionId: shortHorizon.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:not_comparable");
    expect((await run((tx) => promoteModelVersion(tx, admin, { modelVersionId: shortHorizon.id, force: true }))).status).toBe("production");
  });

  it("refuses artifacts onnxruntime cannot load, that read other features or lack their trees, storing nothing", async () => {
    const run = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, a.id, fn);
    const before = (await run((tx) => listModelVersions(tx))).length;
    const garbage = { ...version(0.1, 20), onnx: { p50: new Uint8Array([7, 7, 7]) } };
    await expect(run((tx) => registerModelVersion(tx, admin, garbage))).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "bad_request:model_artifact" && /p50 artifact \(3 bytes\) is not an ONNX model/.test(e.message),
    );
    await expect(run((tx) => registerModelVersion(tx, admin, { ...version(0.1, 21), features: ["only", "two"] }))).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "bad_request:model_artifact" && /reads 4 features, but the version lists 2/.test(e.message),
    );
    await expect(run((tx) => registerModelVersion(tx, admin, { ...version(0.1, 22), onnx: {} }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "bad_request:model_artifact");
    const { p50: _p50, ...twoTrees } = version(0.1, 23).trees;
    await expect(run((tx) => registerModelVersion(tx, admin, { ...version(0.1, 23), trees: twoTrees }))).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "bad_request:model_trees" && /p50 model's trees are missing/.test(e.message),
    );
    expect((await run((tx) => listModelVersions(tx))).length).toBe(before);
  });

  it("a version without a finite score never passes the gate on its own, and a scored one replaces an unscored production", async () => {
    const b = await createFixtureTenant(database, "b-score");
    const bAdmin: Actor = { tenantId: b.id, userId: b.users.admin.id, role: "admin" };
    const run = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, b.id, fn);
    const unscored = await run((tx) => registerModelVersion(tx, bAdmin, { ...version(0, 30), metrics: {} }));
    const nan = await run((tx) => registerModelVersion(tx, bAdmin, version(Number.NaN, 31)));
    // JSON has no NaN: it comes back from jsonb as null, which `null < 0.65` used to let through.
    expect(nan.metrics.model?.rmsse).toBeNull();
    for (const v of [unscored, nan]) {
      await expect(run((tx) => promoteModelVersion(tx, bAdmin, { modelVersionId: v.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:no_score");
    }
    expect(await run((tx) => getProductionModel(tx))).toBeNull();

    await run((tx) => promoteModelVersion(tx, bAdmin, { modelVersionId: nan.id, force: true }));
    const scored = await run((tx) => registerModelVersion(tx, bAdmin, version(0.9, 32)));
    expect((await run((tx) => promoteModelVersion(tx, bAdmin, { modelVersionId: scored.id }))).status).toBe("production");
    await expect(run((tx) => promoteModelVersion(tx, bAdmin, { modelVersionId: unscored.id }))).rejects.toSatisfy((e) => e instanceof AppError && e.code === "conflict:no_score");
  });

  it("another tenant sees none of it", async () => {
    const b = await createFixtureTenant(database, "b-reg");
    const versions = await withTenant(database, b.id, (tx) => listModelVersions(tx));
    expect(versions.map((v) => v.version)).toEqual([1]);
  });
});
