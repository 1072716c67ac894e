import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant-context";
import { listStores } from "@/server/services/catalog/list-stores";
import { salesDataRange } from "@/server/services/sales/sales-summary";
import { getProductionModel } from "@/server/services/models/registry";
import { addDaysIso } from "@/models/data";
import { askAssistant } from "@/agents/agent";
import type { AgentContext } from "@/agents/context";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";
import { seedAssistantFixture } from "./assistant-fixture";
import { EVAL_SET } from "./eval-set";
import type { EvalCase, EvalHelpers } from "./eval-set";

const DECLINE = /I can't help with that|I did not understand/;

/** Why one case failed, or null when the planner got it right. */
async function score(ctx: AgentContext, c: EvalCase, h: EvalHelpers): Promise<string | null> {
  const r = await askAssistant(ctx, c.q);
  const tools = r.steps.map((s) => s.tool);
  if (c.tools === "decline") return tools.length === 0 && DECLINE.test(r.answer) ? null : `expected a decline, got ${JSON.stringify(tools)}: ${r.answer}`;
  if (c.tools === "clarify") return tools.length === 0 && /\?/.test(r.answer) && !DECLINE.test(r.answer) ? null : `expected a question back, got ${JSON.stringify(tools)}: ${r.answer}`;
  if (JSON.stringify(tools) !== JSON.stringify(c.tools)) return `tools ${JSON.stringify(tools)} instead of ${JSON.stringify(c.tools)}: ${r.answer}`;
  for (const [i, fields] of (c.inputs ?? []).entries()) {
    const input = r.steps[i]?.input as Record<string, unknown>;
    for (const [k, v] of Object.entries(fields)) if (JSON.stringify(input?.[k]) !== JSON.stringify(v)) return `step ${i} ${k}=${JSON.stringify(input?.[k])}, expected ${JSON.stringify(v)}`;
  }
  for (const s of await (c.expect?.(h) ?? Promise.resolve([]))) if (!r.answer.includes(s)) return `answer lacks "${s}": ${r.answer}`;
  if (r.grounding.unverified.length > 0) return `unverified numbers ${r.grounding.unverified.join(", ")}: ${r.answer}`;
  return null;
}

describe.each(testDrivers())("assistant evaluation set on %s", (driver) => {
  let database: TestDatabase;
  let ctx: AgentContext;
  let helpers: EvalHelpers;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const fx = await seedAssistantFixture(database);
    ctx = await fx.as("analyst");
    const tx: EvalHelpers["tx"] = (fn) => withTenant(database, fx.acmeId, fn);
    const [range, model, stores] = await Promise.all([tx(salesDataRange), tx(getProductionModel), tx((t) => listStores(t))]);
    helpers = { tx, tenantId: fx.acmeId, lastSale: range!.last, firstForecastDay: addDaysIso(model!.trainedTo, 1), stores: stores.map((s) => s.id) };
  }, 300_000);
  afterAll(() => database?.close());

  it(`the offline planner gets at least 90% of the ${EVAL_SET.length} questions right`, async () => {
    expect(EVAL_SET.length).toBeGreaterThanOrEqual(60);
    const failures: string[] = [];
    for (const c of EVAL_SET) {
      const why = await score(ctx, c, helpers);
      if (why) failures.push(`${c.q} → ${why}`);
    }
    const passed = EVAL_SET.length - failures.length;
    console.log(`assistant eval (${driver}): ${passed}/${EVAL_SET.length} = ${((100 * passed) / EVAL_SET.length).toFixed(1)}%\n${failures.join("\n")}`);
    expect(passed / EVAL_SET.length).toBeGreaterThanOrEqual(0.9);
  }, 600_000);
});
