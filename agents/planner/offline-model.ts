import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3Content, LanguageModelV3StreamPart, LanguageModelV3Usage } from "@ai-sdk/provider";
import { generateId } from "ai";
import type { StepResult } from "./intents";
import { planQuestion } from "./plan";
import type { CatalogSnapshot } from "./resolve";

export const OFFLINE_MODEL_ID = "offline-planner";

/** The planner reads no tokens from a provider: usage is "not reported", never a made-up count. */
const NO_USAGE: LanguageModelV3Usage = {
  inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

type Prompt = LanguageModelV3CallOptions["prompt"];

/** The latest user question and the tool results that followed it, in order. */
export function readPrompt(prompt: Prompt): { question: string; results: StepResult[] } {
  let start = -1;
  prompt.forEach((m, i) => {
    if (m.role === "user") start = i;
  });
  const user = prompt[start];
  const question = user && user.role === "user" ? user.content.map((p) => (p.type === "text" ? p.text : "")).join(" ").trim() : "";
  const results: StepResult[] = [];
  for (const m of prompt.slice(start + 1)) {
    if (m.role !== "tool" && m.role !== "assistant") continue;
    for (const part of m.content) {
      if (part.type !== "tool-result") continue;
      const o = part.output;
      const output = o.type === "json" || o.type === "text" ? o.value : o.type === "error-text" || o.type === "error-json" ? { error: typeof o.value === "string" ? o.value : JSON.stringify(o.value) } : o.type === "execution-denied" ? null : null;
      results.push({ tool: part.toolName, output, denied: o.type === "execution-denied" });
    }
  }
  return { question, results };
}

/** The next thing to say or call, from the question's plan and how far the tool calls have got. */
export function nextTurn(question: string, results: readonly StepResult[], catalog: CatalogSnapshot): LanguageModelV3Content[] {
  if (!question) return [{ type: "text", text: "Ask me a question about your sales, forecasts or stock." }];
  const plan = planQuestion(question, catalog);
  if (plan.kind !== "tools") return [{ type: "text", text: plan.text }];
  const denied = results.some((r) => r.denied);
  if (!denied && results.length < plan.intents.length) {
    const intent = plan.intents[results.length]!;
    const input = intent.input(plan.reading, results);
    if (input) return [{ type: "tool-call", toolCallId: generateId(), toolName: intent.tool, input: JSON.stringify(input) }];
  }
  const parts = results.map((r, i) => {
    if (r.denied) return "You declined, so nothing was changed.";
    const intent = plan.intents[i];
    const output = r.output && typeof r.output === "object" ? (r.output as Record<string, unknown>) : { error: String(r.output) };
    return intent ? intent.answer(output, plan.reading) : "";
  });
  return [{ type: "text", text: parts.filter(Boolean).join("\n\n") }];
}

/**
 * The built-in offline planner as an AI SDK language model (LanguageModelV3): the same loop,
 * tools, streaming and UI run on it as on a hosted model. It states only numbers tool results gave it.
 */
export function createOfflinePlanner(catalog: () => Promise<CatalogSnapshot>): LanguageModelV3 {
  let snapshot: Promise<CatalogSnapshot> | undefined;
  const respond = async (options: LanguageModelV3CallOptions) => {
    snapshot ??= catalog();
    const { question, results } = readPrompt(options.prompt);
    return nextTurn(question, results, await snapshot);
  };
  const finishReason = (content: LanguageModelV3Content[]) => ({ unified: content.some((c) => c.type === "tool-call") ? ("tool-calls" as const) : ("stop" as const), raw: undefined });
  return {
    specificationVersion: "v3",
    provider: "foresight",
    modelId: OFFLINE_MODEL_ID,
    supportedUrls: {},
    async doGenerate(options) {
      const content = await respond(options);
      return { content, finishReason: finishReason(content), usage: NO_USAGE, warnings: [] };
    },
    async doStream(options) {
      const content = await respond(options);
      const stream = new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] });
          for (const c of content) {
            if (c.type === "tool-call") controller.enqueue(c);
            if (c.type === "text") {
              const id = generateId();
              controller.enqueue({ type: "text-start", id });
              // Word by word, so the UI streams the planner's answer as it would a model's.
              for (const piece of c.text.match(/\S+\s*/g) ?? []) controller.enqueue({ type: "text-delta", id, delta: piece });
              controller.enqueue({ type: "text-end", id });
            }
          }
          controller.enqueue({ type: "finish", finishReason: finishReason(content), usage: NO_USAGE });
          controller.close();
        },
      });
      return { stream };
    },
  };
}
