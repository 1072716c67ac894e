import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModel } from "ai";
import { env } from "@/server/env";
import { createOfflinePlanner } from "./planner/offline-model";
import type { CatalogSnapshot } from "./planner/resolve";

export type ProviderInfo = { id: "openai" | "openai-compatible" | "offline"; label: string; model: string };

const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

/** Which provider answers: OPENAI_API_KEY → OpenAI, OPENAI_BASE_URL → an OpenAI-compatible server, neither → the offline planner. */
export function activeProvider(): ProviderInfo {
  if (env.OPENAI_BASE_URL) return { id: "openai-compatible", label: `OpenAI-compatible server (${new URL(env.OPENAI_BASE_URL).host})`, model: env.ASSISTANT_MODEL ?? DEFAULT_OPENAI_MODEL };
  if (env.OPENAI_API_KEY) return { id: "openai", label: "OpenAI", model: env.ASSISTANT_MODEL ?? DEFAULT_OPENAI_MODEL };
  return { id: "offline", label: "Offline planner (built in)", model: "offline-planner" };
}

/** The language model for one request; the offline planner reads the asking tenant's catalog. */
export function languageModel(catalog: () => Promise<CatalogSnapshot>): LanguageModel {
  const p = activeProvider();
  if (p.id === "offline") return createOfflinePlanner(catalog);
  // Chat Completions, which OpenAI-compatible servers (vLLM, Ollama's /v1, llama.cpp) implement.
  const openai = createOpenAI({ apiKey: env.OPENAI_API_KEY ?? "not-needed", ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}) });
  return openai.chat(p.model);
}
