import { Option } from "commander";
import type { Command } from "commander";
import { ROLES } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { env } from "@/server/env";
import { AppError } from "@/server/errors/app-error";
import { billingSummary } from "@/server/services/billing/billing-summary";
import { reportUsageToStripe } from "@/server/services/billing/report-usage";
import { stripeFromEnv } from "@/server/services/billing/stripe-client";
import { setPlan } from "@/server/services/billing/change-plan";
import { LIMIT_LABELS, PLAN_IDS, planIdSchema } from "@/server/services/billing/plans";
import type { PlanId } from "@/server/services/billing/plans";
import { addMember, createTenant } from "@/server/services/tenant/create-tenant";
import type { MemberAdded } from "@/server/services/tenant/create-tenant";
import { printJson, printTable, wantsJson } from "./output";
import { resolveTenant } from "./resolve-tenant";
import { withDatabase } from "./with-database";

const inviteUrl = (token: string) => `${env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${env.PORT}`}/invite/${token}`;

function describeMember(added: MemberAdded): string {
  if (added.joined) return `${added.email} joined as ${added.role}.`;
  return `${added.email} has no account yet: send them this invitation link (valid until ${added.expiresAt.toISOString().slice(0, 10)}):\n  ${inviteUrl(added.invitationToken)}`;
}

const withLink = (added: MemberAdded) => (added.joined ? added : { ...added, invitationUrl: inviteUrl(added.invitationToken) });

/** `tenant create`, `user add`, `plan set`, `usage`: tenant administration from the shell. */
export function registerTenantAdminCommands(program: Command): void {
  program
    .command("tenant")
    .description("create tenants")
    .command("create")
    .description("create a tenant with its owner (an existing account joins; anyone else gets an invitation link)")
    .requiredOption("--name <name>", "organisation name, e.g. 'Contoso Retail'")
    .requiredOption("--owner-email <email>", "the owner's e-mail address")
    .option("--slug <slug>", "URL slug (default: from the name)")
    .addOption(new Option("--plan <plan>", "plan").choices(PLAN_IDS).default("free"))
    .action(async (options: { name: string; ownerEmail: string; slug?: string; plan: PlanId }, command: Command) => {
      const created = await withDatabase((database) => createTenant(database, options));
      if (wantsJson(command)) return printJson({ ...created, owner: withLink(created.owner) });
      console.log(`Created tenant ${created.slug} (${created.name}) on the ${created.plan} plan.`);
      console.log(describeMember(created.owner));
    });

  program
    .command("user")
    .description("manage a tenant's members")
    .command("add")
    .description("add a member (within the plan's seats); someone without an account gets an invitation link")
    .requiredOption("--tenant <slug>", "tenant slug")
    .requiredOption("--email <email>", "the member's e-mail address")
    .addOption(new Option("--role <role>", "role").choices(ROLES).makeOptionMandatory())
    .action(async (options: { tenant: string; email: string; role: Role }, command: Command) => {
      const added = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        return addMember(database, tenant.id, { email: options.email, role: options.role });
      });
      if (wantsJson(command)) return printJson(withLink(added));
      console.log(describeMember(added));
    });

  program
    .command("plan")
    .description("change a tenant's plan")
    .command("set")
    .description("set a tenant's plan (audited; limits apply at once). With Stripe, its subscription state overrides this at the next webhook.")
    .requiredOption("--tenant <slug>", "tenant slug")
    .addOption(new Option("--plan <plan>", "plan").choices(PLAN_IDS).makeOptionMandatory())
    .action(async (options: { tenant: string; plan: string }, command: Command) => {
      const plan = planIdSchema.parse(options.plan);
      const changed = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        return { tenant: tenant.slug, ...(await withTenant(database, tenant.id, (tx) => setPlan(tx, { tenantId: tenant.id, role: "owner" }, plan, "cli"))) };
      });
      if (wantsJson(command)) return printJson(changed);
      console.log(changed.previous === changed.plan ? `${changed.tenant} is already on ${changed.plan}.` : `${changed.tenant}: ${changed.previous} → ${changed.plan}.`);
    });

  program
    .command("billing")
    .description("Stripe billing")
    .command("report-usage")
    .description("send a tenant's unreported metered usage to Stripe as meter events (needs STRIPE_SECRET_KEY; idempotent)")
    .requiredOption("--tenant <slug>", "tenant slug")
    .action(async (options: { tenant: string }, command: Command) => {
      const stripe = stripeFromEnv();
      if (!stripe) throw new AppError("unavailable:stripe", "STRIPE_SECRET_KEY is not set: local billing mode has nothing to report to Stripe.");
      const result = await withDatabase(async (database) => reportUsageToStripe(database, stripe, (await resolveTenant(database, options.tenant)).id));
      if (wantsJson(command)) return printJson({ tenant: options.tenant, ...result });
      console.log(`${options.tenant}: ${result.reported} usage records sent to Stripe.`);
    });

  program
    .command("usage")
    .description("a tenant's plan, this month's metered usage and its limits")
    .requiredOption("--tenant <slug>", "tenant slug")
    .action(async (options: { tenant: string }, command: Command) => {
      const summary = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        return withTenant(database, tenant.id, (tx) => billingSummary(tx, tenant.id, { stripeConfigured: env.STRIPE_SECRET_KEY !== undefined }));
      });
      const { plan, billingStatus, graceUntil, readOnly, mode, period, monthly, counted, apiRequestsPerMinute, invoiceEstimateCents } = summary;
      if (wantsJson(command)) return printJson({ tenant: options.tenant, plan, billingStatus, graceUntil, readOnly, mode, period, monthly, counted, apiRequestsPerMinute, invoiceEstimateCents });
      console.log(`${options.tenant}: ${plan} plan, ${readOnly ? "read-only" : billingStatus}, ${mode} billing, period from ${period}`);
      printTable([
        ...monthly.map((m) => ({ what: LIMIT_LABELS[m.metric], used: String(m.used), limit: m.limit === null ? "-" : String(m.limit) })),
        ...counted.map((c) => ({ what: LIMIT_LABELS[c.limit], used: c.used === null ? "-" : String(c.used), limit: String(c.max) })),
        { what: LIMIT_LABELS.api_requests_per_minute, used: "-", limit: String(apiRequestsPerMinute) },
      ]);
    });
}
