import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { actions } from "@/drizzle/schema";
import type { NewAction } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { describeChange } from "@/server/api/routers/scenarios.types";
import { getScenario } from "./saved-scenarios";

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Turns a saved scenario into price-change actions in the action center: one per item × store
 * whose projected margin rises, valued at that margin uplift, due on the scenario's first day.
 * Idempotent: an open action from the same scenario for the same pair is updated, a decided one
 * is left alone. Refused for a scenario computed against an older model (re-evaluate it first).
 */
export async function createScenarioActions(tx: Tx, actor: Actor, id: string): Promise<{ created: number; updated: number; skipped: number; actionIds: string[] }> {
  const scenario = await getScenario(tx, id);
  if (scenario.stale) throw new AppError("conflict:scenario_stale", `Scenario "${scenario.name}" was computed against model v${scenario.computedAgainst.version}, not the production model; re-evaluate it before turning it into actions.`);
  const { definition, result } = scenario;
  const worth = result.series.filter((s) => s.scenarioMargin - s.baselineMargin > 0.005);
  const keyOf = (s: (typeof worth)[number]) => `price_change|${scenario.id}|${s.storeId}|${s.itemId}`;
  const existing = worth.length ? await tx.select({ id: actions.id, key: actions.key, status: actions.status }).from(actions).where(and(eq(actions.type, "price_change"), inArray(actions.key, worth.map(keyOf)))) : [];
  const byKey = new Map(existing.map((a) => [a.key, a]));
  const change = describeChange(definition.change);
  let created = 0;
  let updated = 0;
  const actionIds: string[] = [];
  for (const s of worth) {
    const fields: Omit<NewAction, "tenantId"> = {
      type: "price_change",
      key: keyOf(s),
      basis: `scenario:${result.model.id}`,
      storeId: s.storeId,
      itemId: s.itemId,
      toStoreId: null,
      quantity: Math.round(s.scenarioUnits - s.baselineUnits),
      value: round2(s.scenarioMargin - s.baselineMargin),
      dueDate: definition.from,
      title: `${change} for ${s.itemName} at ${s.storeName}, ${definition.from} … ${definition.to} (scenario "${scenario.name}")`,
      evidence: {
        scenario: { id: scenario.id, name: scenario.name, change: definition.change, from: definition.from, to: definition.to, modelVersion: result.model.version },
        price: { baseline: round2(s.baselinePrice), scenario: round2(s.scenarioPrice), unitCost: s.unitCost },
        units: { baseline: round2(s.baselineUnits), scenario: round2(s.scenarioUnits) },
        margin: { baseline: round2(s.baselineMargin), scenario: round2(s.scenarioMargin) },
        stockoutDays: { baseline: s.baselineStockoutDays, scenario: s.scenarioStockoutDays },
      },
    };
    const known = byKey.get(fields.key);
    if (known && known.status !== "open") continue;
    if (known) {
      await tx.update(actions).set(fields).where(eq(actions.id, known.id));
      actionIds.push(known.id);
      updated++;
    } else {
      const [row] = await tx.insert(actions).values({ ...fields, tenantId: actor.tenantId }).returning({ id: actions.id });
      actionIds.push(row!.id);
      created++;
    }
  }
  const skipped = result.series.length - created - updated;
  await recordAudit(tx, actor, { action: "scenario.actions_created", targetType: "scenario", targetId: scenario.id, details: { name: scenario.name, created, updated, skipped } });
  return { created, updated, skipped, actionIds };
}
