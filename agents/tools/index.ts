import "server-only";
import type { AgentContext } from "../context";
import { listOpenActions } from "./action-center";
import { listAlerts } from "./alerts";
import { decideAction } from "./decide-action";
import { forecastDemand } from "./demand-forecast";
import { explainForecast } from "./explain-forecast";
import { generateReport } from "./generate-report";
import { recommendInventory } from "./inventory-recommendation";
import { lookupCatalog } from "./lookup-catalog";
import { optimisePrice } from "./optimise-price";
import { querySales } from "./sales-query";
import { saveScenario } from "./save-scenario";
import { startRetrain } from "./start-retrain";
import { suggestTransfers } from "./transfers";
import { whatIfScenario } from "./what-if-scenario";

/**
 * Every tool, bound to who is asking. A new capability (pricing, scenarios, alerts) is one file in
 * this folder plus one line here, and one intent in `planner/intents.ts` for the offline planner.
 */
export function assistantTools(ctx: AgentContext) {
  return {
    lookupCatalog: lookupCatalog(ctx),
    querySales: querySales(ctx),
    forecastDemand: forecastDemand(ctx),
    recommendInventory: recommendInventory(ctx),
    suggestTransfers: suggestTransfers(ctx),
    explainForecast: explainForecast(ctx),
    listOpenActions: listOpenActions(ctx),
    listAlerts: listAlerts(ctx),
    decideAction: decideAction(ctx),
    generateReport: generateReport(ctx),
    optimisePrice: optimisePrice(ctx),
    whatIfScenario: whatIfScenario(ctx),
    saveScenario: saveScenario(ctx),
    startRetrain: startRetrain(ctx),
  };
}
export type AssistantTools = ReturnType<typeof assistantTools>;
export type ToolName = keyof AssistantTools;
/** Tools that change state: the UI asks before they run and the route checks the approval. */
export const STATE_CHANGING_TOOLS: readonly ToolName[] = ["decideAction", "saveScenario", "startRetrain"];
