import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { scenarios } from "@/drizzle/schema";
import type { Scenario } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { scenarioResultSchema } from "@/server/api/routers/scenarios.types";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getProductionModel } from "@/server/services/models/registry";
import { evaluateScenario } from "./evaluate-scenario";
import { scenarioDefinitionSchema } from "./scenario-definition";
import type { ScenarioDefinitionInput } from "./scenario-definition";

/** A saved scenario as the API shows it: definition, last result, and whether the production model has changed since. */
export function savedScenario(row: Scenario, productionId: string | null) {
  const result = scenarioResultSchema.parse(row.result);
  return {
    id: row.id,
    name: row.name,
    definition: scenarioDefinitionSchema.parse(row.definition),
    result,
    computedAgainst: result.model,
    /** The production model is another version than the one this result was computed against: re-evaluate it. */
    stale: productionId !== row.modelVersionId,
    createdAt: row.createdAt.toISOString(),
    evaluatedAt: row.evaluatedAt.toISOString(),
  };
}
export type SavedScenario = ReturnType<typeof savedScenario>;

const scenarioId = (id: string) => {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new AppError("not_found:scenario", `Scenario ${id} not found.`);
  return parsed.data;
};

async function findScenario(tx: Tx, id: string, lock = false): Promise<Scenario> {
  const query = tx.select().from(scenarios).where(eq(scenarios.id, scenarioId(id)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found:scenario", `Scenario ${id} not found.`);
  return row;
}

/** Evaluates a scenario and saves it under its name (unique in the tenant: 409 otherwise), audited. Nothing is stored when the evaluation fails. */
export async function createScenario(tx: Tx, actor: Actor, input: ScenarioDefinitionInput): Promise<SavedScenario> {
  const definition = scenarioDefinitionSchema.parse(input);
  const [taken] = await tx.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.name, definition.name));
  if (taken) throw new AppError("conflict:scenario_name", `A scenario named "${definition.name}" already exists; choose another name or delete it first.`);
  const result = await evaluateScenario(tx, definition);
  const [row] = await tx
    .insert(scenarios)
    .values({ tenantId: actor.tenantId, name: definition.name, definition, result, modelVersionId: result.model.id, createdByUserId: actor.userId ?? null, createdByApiKeyId: actor.apiKeyId ?? null })
    .returning();
  await recordAudit(tx, actor, { action: "scenario.created", targetType: "scenario", targetId: row!.id, details: { name: definition.name, modelVersion: result.model.version } });
  return savedScenario(row!, result.model.id);
}

/** The tenant's saved scenarios, newest first. */
export async function listScenarios(tx: Tx): Promise<SavedScenario[]> {
  const [rows, production] = await Promise.all([tx.select().from(scenarios).orderBy(desc(scenarios.createdAt)), getProductionModel(tx)]);
  return rows.map((r) => savedScenario(r, production?.id ?? null));
}

export async function getScenario(tx: Tx, id: string): Promise<SavedScenario> {
  const [row, production] = await Promise.all([findScenario(tx, id), getProductionModel(tx)]);
  return savedScenario(row, production?.id ?? null);
}

/** Saved scenarios by id, for the side-by-side comparison (2–4, each must exist). */
export async function compareScenarios(tx: Tx, ids: readonly string[]): Promise<SavedScenario[]> {
  const [rows, production] = await Promise.all([tx.select().from(scenarios).where(inArray(scenarios.id, ids.map(scenarioId))), getProductionModel(tx)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw new AppError("not_found:scenario", `Scenario ${id} not found.`);
    return savedScenario(row, production?.id ?? null);
  });
}

/** Evaluates a saved scenario again against today's production model (after a promotion), audited. */
export async function reevaluateScenario(tx: Tx, actor: Actor, id: string): Promise<SavedScenario> {
  const row = await findScenario(tx, id, true);
  const result = await evaluateScenario(tx, scenarioDefinitionSchema.parse(row.definition));
  const [updated] = await tx.update(scenarios).set({ result, modelVersionId: result.model.id, evaluatedAt: new Date() }).where(eq(scenarios.id, row.id)).returning();
  await recordAudit(tx, actor, { action: "scenario.reevaluated", targetType: "scenario", targetId: row.id, details: { name: row.name, modelVersion: result.model.version } });
  return savedScenario(updated!, result.model.id);
}

export async function deleteScenario(tx: Tx, actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
  const row = await findScenario(tx, id, true);
  await tx.delete(scenarios).where(eq(scenarios.id, row.id));
  await recordAudit(tx, actor, { action: "scenario.deleted", targetType: "scenario", targetId: row.id, details: { name: row.name } });
  return { id: row.id, deleted: true };
}
