import { generateText, stepCountIs } from "ai";
import type { ModelMessage } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experimentRuns } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import type { AgentContext } from "@/agents/context";
import { assistantTools } from "@/agents/tools";
import { withTenant } from "@/server/db/tenant-context";
import { listTenantJobs } from "@/server/jobs/queue";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 5, text: 5, reasoning: undefined } };

describe.each(testDrivers())("startRetrain tool on %s", (driver) => {
  let database: TestDatabase;
  let tenant: FixtureTenant;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    tenant = await createFixtureTenant(database, "retrain-tool");
  });
  afterAll(() => database?.close());

  const ctxAs = (role: Role): AgentContext => ({ database, tenantId: tenant.id, tenantSlug: tenant.slug, userId: tenant.users[role].id, role });
  const jobsNamed = async (name: string) => (await listTenantJobs(database, tenant.id)).filter((j) => j.name === name);

  /** The hosted model proposes one call; the user answers the signed approval request. */
  async function proposeAndAnswer(ctx: AgentContext, input: Record<string, unknown>, approved: boolean, id: string) {
    const model = new MockLanguageModelV3({
      doGenerate: [
        { content: [{ type: "tool-call", toolCallId: id, toolName: "startRetrain", input: JSON.stringify(input) }], finishReason: { unified: "tool-calls", raw: undefined }, usage, warnings: [] },
        { content: [{ type: "text", text: "Done." }], finishReason: { unified: "stop", raw: undefined }, usage, warnings: [] },
      ],
    });
    const settings = { model, tools: assistantTools(ctx), stopWhen: stepCountIs(4), experimental_toolApprovalSecret: "test-secret" };
    const messages: ModelMessage[] = [{ role: "user", content: "retrain the model" }];
    const first = await generateText({ ...settings, messages });
    const request = first.content.find((c) => c.type === "tool-approval-request");
    expect(request).toBeDefined();
    expect(first.toolResults).toEqual([]);
    const answered = await generateText({
      ...settings,
      messages: [...messages, ...first.response.messages, { role: "tool", content: [{ type: "tool-approval-response", approvalId: request!.approvalId, approved }] }],
    });
    return JSON.stringify([answered.steps.map((s) => s.toolResults), answered.response.messages]);
  }

  it("queues nothing until approved, and nothing when denied", async () => {
    await proposeAndAnswer(ctxAs("admin"), { kind: "reforecast" }, false, "call-denied");
    expect(await jobsNamed("reforecast")).toHaveLength(0);
  });

  it("an approved admin call queues a re-forecast job, or a retrain with its run", async () => {
    const refresh = await proposeAndAnswer(ctxAs("admin"), { kind: "reforecast" }, true, "call-refresh");
    const [job] = await jobsNamed("reforecast");
    expect(job?.payload).toMatchObject({ requestedBy: { userId: tenant.users.admin.id, role: "admin" } });
    expect(refresh).toContain(job!.id);
    const retrain = await proposeAndAnswer(ctxAs("admin"), { kind: "retrain", horizon: 7 }, true, "call-retrain");
    const [queued] = await jobsNamed("retrain");
    expect(queued?.payload).toMatchObject({ reason: "manual", params: { horizon: 7 } });
    const runs = await withTenant(database, tenant.id, (tx) => tx.select().from(experimentRuns));
    expect(runs.map((r) => r.id)).toContain((queued!.payload as { runId: string }).runId);
    expect(retrain).toContain(queued!.id);
  });

  it("re-checks the role on the server: an approved analyst call is refused and queues nothing", async () => {
    const before = (await listTenantJobs(database, tenant.id)).length;
    const out = await proposeAndAnswer(ctxAs("analyst"), { kind: "reforecast" }, true, "call-analyst");
    expect(out).toContain("forbidden:role");
    expect((await listTenantJobs(database, tenant.id)).length).toBe(before);
  });
});
