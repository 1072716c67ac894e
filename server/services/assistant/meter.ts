import "server-only";
import type { Tx } from "@/server/db/database";
import { consumeQuota } from "@/server/services/billing/quota";

/** One assistant message against the monthly quota, before it runs (402 over the limit); a retried message counts once. */
export function meterAssistantMessage(tx: Tx, tenantId: string, messageId: string) {
  return consumeQuota(tx, tenantId, { metric: "assistant_messages", unitKey: `chat:${messageId}` });
}

/** Provider tokens after the answer; null when the provider reported none (the offline planner, some local servers). */
export async function meterAssistantTokens(tx: Tx, tenantId: string, messageId: string, tokens: number | null): Promise<"recorded" | "not reported"> {
  if (tokens === null || !Number.isFinite(tokens) || tokens <= 0) return "not reported";
  await consumeQuota(tx, tenantId, { metric: "assistant_tokens", unitKey: `chat:${messageId}`, quantity: Math.round(tokens) });
  return "recorded";
}
