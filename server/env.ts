import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const postgresUrl = (name: string) => z.url({ protocol: /^postgres(ql)?$/, error: `${name} must be a postgres:// URL` }).optional();

/**
 * Validated configuration. Every other module reads settings from here, never from process.env,
 * so a bad value fails at start-up with a message naming the variable.
 */
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** The app's connection: a login role that is neither superuser, table owner nor BYPASSRLS (or, alone, the owner). */
    DATABASE_URL: postgresUrl("DATABASE_URL"),
    /** The schema owner, for migrations and the demo seed; unset means DATABASE_URL does both (one-URL mode). */
    MIGRATION_DATABASE_URL: postgresUrl("MIGRATION_DATABASE_URL"),
    DATA_DIR: z.string().min(1).default(".data"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    AUTH_URL: z.url().optional(),
    /**
     * How many reverse proxies stand in front of the app. Their X-Forwarded-For hops are trusted:
     * the client is the hop this many from the right. 0 (default): the socket address is the client.
     */
    TRUSTED_PROXY_HOPS: z
      .string()
      .regex(/^\d{1,2}$/, "TRUSTED_PROXY_HOPS must be the number of proxies in front of the app (0 when none)")
      .default("0")
      .transform(Number),
    /** Seed the demo tenants into an empty database; unset, see `demoMode` below. */
    DEMO_MODE: z
      .enum(["true", "false"], { error: "DEMO_MODE must be true or false" })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "true")),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.url().optional(),
    ASSISTANT_MODEL: z.string().min(1).optional(),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    /** How long a worker holds a claimed job without renewing it (ms); a killed worker's job is retried after it. */
    JOB_LEASE_MS: z.coerce.number().int("JOB_LEASE_MS must be whole milliseconds").min(1_000, "JOB_LEASE_MS is at least 1000").max(3_600_000).default(60_000),
    /** How often each process's scheduler looks for due scheduled jobs (ms). */
    SCHEDULER_TICK_MS: z.coerce.number().int("SCHEDULER_TICK_MS must be whole milliseconds").min(200, "SCHEDULER_TICK_MS is at least 200").max(3_600_000).default(60_000),
    /**
     * Verifying a custom domain marks it verified without looking up its TXT record: for local and
     * offline use only (a tenant could otherwise claim a name it does not own).
     */
    CUSTOM_DOMAINS_SKIP_DNS: z
      .enum(["true", "false"], { error: "CUSTOM_DOMAINS_SKIP_DNS must be true or false" })
      .default("false")
      .transform((v) => v === "true"),
    /** Invitations by e-mail: smtp://user:pass@host:587 or smtps://…:465; unset, links are shown in the UI. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
    /** The From address of e-mails (default: no-reply@ the SMTP host). */
    MAIL_FROM: z.email({ error: "MAIL_FROM must be an e-mail address" }).optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: (issues) => {
    const lines = issues.map((i) => `  - ${i.path?.map(String).join(".") ?? "?"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  },
});

/**
 * Whether the demo tenants (with their published password) are seeded into an empty database.
 * By default only on the embedded database: a PostgreSQL server may be a production one.
 */
export const demoMode: boolean = env.DEMO_MODE ?? env.DATABASE_URL === undefined;
