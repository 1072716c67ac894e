import "server-only";
import { convertToModelMessages, validateUIMessages } from "ai";
import type { UIMessage } from "ai";
import { ZodError, z } from "zod";
import { streamAssistant } from "@/agents/agent";
import type { AgentContext } from "@/agents/context";
import { checkGrounding } from "@/agents/grounding";
import { assistantTools } from "@/agents/tools";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { jsonError } from "@/server/http/json-error";
import { assertSameOrigin } from "@/server/http/same-origin";
import { meterAssistantMessage, meterAssistantTokens } from "@/server/services/assistant/meter";
import { saveConversation } from "@/server/services/assistant/conversations";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { describeIssues } from "@/server/validation/describe-issues";
import { readLimitedText, JSON_BODY_LIMIT_BYTES } from "./body-limit";

const bodySchema = z.object({
  id: z.uuid("id: the conversation id must be a UUID"),
  tenant: z.string().min(1).max(64).describe("Workspace slug"),
  messages: z.array(z.unknown()).min(1, "messages: at least one message").max(200, "messages: at most 200"),
});

const textOf = (m: UIMessage) => m.parts.map((p) => (p.type === "text" ? p.text : "")).join("");

/** `POST /api/chat`: the signed-in member's question streamed through the agent, saved when it ends. */
export async function handleChat(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request, { required: true });
    const session = await auth();
    if (!session?.user) throw new AppError("unauthorized:session", "Sign in to use the assistant.");
    const body = bodySchema.parse(JSON.parse(await readLimitedText(request, JSON_BODY_LIMIT_BYTES, "chat request")));
    const database = await getDatabase();
    const membership = await findMembershipBySlug(database, session.user.id, body.tenant);
    if (!membership) throw new AppError("not_found:tenant", "No such workspace.");
    const ctx: AgentContext = { database, tenantId: membership.id, tenantSlug: membership.slug, userId: session.user.id, role: membership.role };
    const messages = await validateUIMessages<UIMessage>({ messages: body.messages, tools: assistantTools(ctx) as Parameters<typeof validateUIMessages>[0]["tools"] });
    const last = messages.at(-1)!;
    await withTenant(database, ctx.tenantId, (tx) => meterAssistantMessage(tx, ctx.tenantId, `${body.id}:${last.id}`));
    const firstQuestion = textOf(messages.find((m) => m.role === "user") ?? last);
    // The route passes the request's abort signal on, so Stop ends generation here, not only in the browser.
    const result = await streamAssistant(ctx, { messages: await convertToModelMessages(messages), abortSignal: request.signal });
    return result.toUIMessageStreamResponse({
      originalMessages: messages,
      onFinish: async ({ messages: finished, responseMessage }) => {
        const outputs = responseMessage.parts.flatMap((p) => ("output" in p ? [p.output] : []));
        const unverified = checkGrounding(textOf(responseMessage), outputs).unverified.length;
        const usage = await Promise.resolve(result.totalUsage).catch(() => null);
        await withTenant(database, ctx.tenantId, async (tx) => {
          await saveConversation(tx, { tenantId: ctx.tenantId, userId: ctx.userId, role: ctx.role }, { id: body.id, messages: finished, firstQuestion, unverified });
          await meterAssistantTokens(tx, ctx.tenantId, `${body.id}:${last.id}`, usage?.totalTokens ?? null);
        });
      },
      onError: (error) => (error instanceof AppError ? error.message : "The assistant's model failed; your conversation is kept, try again."),
    });
  } catch (error) {
    if (error instanceof AppError) return jsonError(error);
    if (error instanceof ZodError) return jsonError({ status: 400, code: "bad_request:validation", message: describeIssues(error) });
    if (error instanceof SyntaxError) return jsonError({ status: 400, code: "bad_request:json", message: "The body is not valid JSON." });
    console.error("chat failed:", error);
    return jsonError({ status: 500, code: "internal", message: "Something went wrong on our side." });
  }
}
