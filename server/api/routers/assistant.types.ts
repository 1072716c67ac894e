import { z } from "zod";

export const conversationSummarySchema = z.object({ id: z.uuid(), title: z.string(), updatedAt: z.date() });
export const conversationSchema = conversationSummarySchema.extend({ messages: z.array(z.unknown()), unverifiedNumbers: z.number().int() });
export const providerSchema = z.object({ id: z.enum(["openai", "openai-compatible", "offline"]), label: z.string(), model: z.string() });
