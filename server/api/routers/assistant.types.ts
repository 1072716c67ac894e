import { z } from "zod";

export const conversationSummarySchema = z.object({ id: z.uuid(), title: z.string(), updatedAt: z.date() });
export const conversationSchema = conversationSummarySchema.extend({ messages: z.array(z.unknown()), unverifiedNumbers: z.number().int() });
export const providerSchema = z.object({ id: z.enum(["openai", "openai-compatible", "offline"]), label: z.string(), model: z.string() });

/** What `POST /api/v1/assistant` and `cli ask --json` return: the answer, who answered, and every tool call behind it. */
export const assistantAnswerSchema = z.object({
  answer: z.string(),
  provider: z.string(),
  steps: z.array(z.object({ tool: z.string(), input: z.unknown(), output: z.unknown() })),
  grounding: z.object({ checked: z.number().int(), unverified: z.array(z.string()) }),
  usage: z.object({ inputTokens: z.number().nullable(), outputTokens: z.number().nullable() }),
});
