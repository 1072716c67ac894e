import type { Command } from "commander";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/drizzle/schema";
import { withAuthRole } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { printJson, wantsJson } from "./output";
import { withDatabase } from "./with-database";

const optionsSchema = z.object({ tenant: z.string().min(1), user: z.email("--user must be an e-mail address") });

/**
 * `ask --tenant SLUG --user EMAIL "question"`: the same agent, provider, tools and tenant context
 * as the chat, for that member. On the embedded database the running server holds the data
 * directory, so the command refuses with the lock's message instead of opening it behind its back.
 */
export function registerAskCommand(program: Command): void {
  program
    .command("ask")
    .description("ask the assistant a question as a member of a tenant")
    .requiredOption("--tenant <slug>", "tenant slug, e.g. acme-grocers")
    .requiredOption("--user <email>", "the member asking, e.g. analyst@acme.test")
    .argument("<question>", "the question, in quotes")
    .action(async (question: string, raw: unknown, command: Command) => {
      const options = optionsSchema.parse(raw);
      const { askAssistant } = await import("@/agents/agent");
      const result = await withDatabase(async (database) => {
        const [user] = await withAuthRole(database, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, options.user.toLowerCase())));
        const membership = user ? await findMembershipBySlug(database, user.id, options.tenant) : null;
        if (!user || !membership) throw new AppError("not_found:membership", `${options.user} is not a member of ${options.tenant}.`);
        return askAssistant({ database, tenantId: membership.id, tenantSlug: membership.slug, userId: user.id, role: membership.role }, question);
      });
      if (wantsJson(command)) printJson({ answer: result.answer, provider: result.provider, steps: result.steps, grounding: result.grounding });
      else {
        for (const s of result.steps) console.log(`· ${s.tool} ${JSON.stringify(s.input)}`);
        console.log(result.answer);
        if (result.grounding.unverified.length) console.log(`(unverified numbers: ${result.grounding.unverified.join(", ")})`);
      }
    });
}
