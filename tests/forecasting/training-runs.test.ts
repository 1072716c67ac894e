import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experimentRuns } from "@/drizzle/schema";
import type { ExperimentRun } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { expectDbError } from "../helpers/expect-db-error";
import { createFixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

const FAST = { horizon: 7, folds: 1, trees: 10 };
const isRunningConflict = (e: unknown) => e instanceof AppError && e.code === "conflict:training_running" && e.status === 409;

describe.each(testDrivers())("one training run per tenant on %s", (driver) => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.close());

  async function tenant(tag: string) {
    const t = await createFixtureTenant(database, tag);
    const actor: Actor = { tenantId: t.id, userId: t.users.admin.id, role: "admin" };
    const run = <T,>(fn: (tx: Tx) => Promise<T>) => withTenant(database, t.id, fn);
    const active = () => run((tx) => tx.select().from(experimentRuns).where(sql`${experimentRuns.status} in ('queued', 'running')`));
    return { actor, run, active };
  }

  it("two concurrent starts give exactly one run; the other is a 409 conflict", async () => {
    const { actor, run, active } = await tenant("race");
    const results = await Promise.allSettled([run((tx) => createTrainingRun(tx, actor, FAST)), run((tx) => createTrainingRun(tx, actor, FAST))]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && isRunningConflict(refused.reason)).toBe(true);
    expect(await active()).toHaveLength(1);
  });

  it("a start whose check ran before the other's commit is refused by the unique index", async () => {
    const { actor, run, active } = await tenant("interleaved");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
    const first = run(async (tx) => {
      const created = await createTrainingRun(tx, actor, FAST);
      inserted();
      await held; // keep the transaction open: the second start cannot see this row yet
      return created;
    });
    await firstInserted;
    const second = run((tx) => createTrainingRun(tx, actor, FAST));
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const [a, b] = await Promise.allSettled([first, second]);
    expect(a.status).toBe("fulfilled");
    expect(b.status === "rejected" && isRunningConflict(b.reason)).toBe(true);
    expect((await active()).map((r) => r.id)).toEqual([(a as PromiseFulfilledResult<ExperimentRun>).value.id]);
  });

  it("the database itself refuses a second active run, whoever inserts it", async () => {
    const { actor, run } = await tenant("direct");
    await run((tx) => createTrainingRun(tx, actor, FAST));
    await expectDbError(run((tx) => tx.insert(experimentRuns).values({ tenantId: actor.tenantId, kind: "train", status: "running" })), /experiment_runs_one_active|duplicate key/);
    // Finished runs do not hold the slot.
    await run((tx) => tx.insert(experimentRuns).values({ tenantId: actor.tenantId, kind: "train", status: "failed", finishedAt: new Date() }));
  });

  it("a run whose heartbeat went stale is marked failed and its slot taken over", async () => {
    const { actor, run, active } = await tenant("stale");
    const crashed = await run((tx) => createTrainingRun(tx, actor, FAST));
    await run((tx) => tx.update(experimentRuns).set({ status: "running", heartbeatAt: sql`now() - interval '4 minutes'` }).where(eq(experimentRuns.id, crashed.id)));
    await expect(run((tx) => createTrainingRun(tx, actor, FAST))).rejects.toSatisfy(isRunningConflict);
    await run((tx) => tx.update(experimentRuns).set({ heartbeatAt: sql`now() - interval '6 minutes'` }).where(eq(experimentRuns.id, crashed.id)));
    const next = await run((tx) => createTrainingRun(tx, actor, FAST));
    const [old] = await run((tx) => tx.select().from(experimentRuns).where(eq(experimentRuns.id, crashed.id)));
    expect(old).toMatchObject({ status: "failed", message: expect.stringMatching(/^Interrupted: .*no heartbeat/) });
    expect(old!.finishedAt).not.toBeNull();
    expect((await active()).map((r) => r.id)).toEqual([next.id]);
  });

  it("a failing run is marked failed with its error message, and frees the slot", async () => {
    const { actor, run, active } = await tenant("fails");
    const created = await run((tx) => createTrainingRun(tx, actor, FAST));
    // The fixture tenant has a few days of one series: far too little to train on.
    const failure = await executeTrainingRun(database, actor, created.id).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(failure?.message).toMatch(/days of history are too few/);
    const [row] = await run((tx) => tx.select().from(experimentRuns).where(eq(experimentRuns.id, created.id)));
    expect(row).toMatchObject({ status: "failed", message: failure!.message });
    expect(await active()).toEqual([]);
    await run((tx) => createTrainingRun(tx, actor, FAST));
  });
});
