import "server-only";
import { generateText, stepCountIs, streamText } from "ai";
import type { ModelMessage } from "ai";
import { authSecret } from "@/server/auth/secret";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { loadCatalog } from "./catalog";
import type { AgentContext } from "./context";
import { inTenant } from "./context";
import { checkGrounding } from "./grounding";
import type { GroundingReport } from "./grounding";
import { systemPrompt } from "./prompts";
import { activeProvider, languageModel } from "./providers";
import type { CatalogSnapshot } from "./planner/resolve";
import { assistantTools } from "./tools";

/** Tool rounds before the loop stops: the longest plan (list, then decide, then answer) needs three. */
export const MAX_STEPS = 6;

type LoopOptions = { messages: ModelMessage[]; abortSignal?: AbortSignal; model?: Parameters<typeof streamText>[0]["model"] };

async function loopSettings(ctx: AgentContext, options: LoopOptions) {
  let catalog: Promise<CatalogSnapshot> | undefined;
  const snapshot = () => (catalog ??= loadCatalog(ctx));
  const tenant = await inTenant(ctx, (tx) => getTenant(tx, ctx.tenantId));
  return {
    model: options.model ?? languageModel(snapshot),
    system: systemPrompt(tenant.name, (await snapshot()).lastSaleDate),
    messages: options.messages,
    tools: assistantTools(ctx),
    stopWhen: stepCountIs(MAX_STEPS),
    abortSignal: options.abortSignal,
    // Signs each approval request so a client cannot forge an approval for a call the server never proposed.
    experimental_toolApprovalSecret: `${authSecret()}:assistant:${ctx.tenantId}:${ctx.userId ?? ctx.apiKeyId ?? ""}`,
  };
}

/** The agent loop streamed (chat UI). */
export async function streamAssistant(ctx: AgentContext, options: LoopOptions) {
  return streamText(await loopSettings(ctx, options));
}

export type AssistantStep = { tool: string; input: unknown; output: unknown };
export type AssistantAnswer = { answer: string; provider: string; steps: AssistantStep[]; grounding: GroundingReport; usage: { inputTokens: number | null; outputTokens: number | null } };

/** One question answered to the end (CLI, REST, evaluation): approval-needing calls are not run, only proposed. */
export async function askAssistant(ctx: AgentContext, question: string, options: Omit<LoopOptions, "messages"> = {}): Promise<AssistantAnswer> {
  const result = await generateText(await loopSettings(ctx, { ...options, messages: [{ role: "user", content: question }] }));
  const steps: AssistantStep[] = result.steps.flatMap((s) =>
    s.toolCalls.map((c) => ({ tool: c.toolName, input: c.input, output: s.toolResults.find((r) => r.toolCallId === c.toolCallId)?.output ?? { pendingApproval: true } })),
  );
  const usage = result.totalUsage;
  return {
    answer: result.text,
    provider: activeProvider().id,
    steps,
    grounding: checkGrounding(result.text, steps.map((s) => s.output)),
    usage: { inputTokens: usage.inputTokens ?? null, outputTokens: usage.outputTokens ?? null },
  };
}
