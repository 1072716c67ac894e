import { generateText, simulateReadableStream, stepCountIs } from "ai";
import type { ModelMessage } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actions, auditLog } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { listActions } from "@/server/services/actions/list-actions";
import { getSeriesForecast } from "@/server/services/forecasting/series-forecast";
import { askAssistant, streamAssistant } from "@/agents/agent";
import type { AgentContext } from "@/agents/context";
import { assistantTools } from "@/agents/tools";
import { units } from "@/agents/planner/format";
import { createRestApi } from "@/server/rest/endpoints";
import { getConversation, listConversations, saveConversation } from "@/server/services/assistant/conversations";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import { call, createKey } from "../rest/rest-client";
import type { TestDatabase } from "../helpers/test-database";
import { seedAssistantFixture } from "./assistant-fixture";
import type { AssistantFixture } from "./assistant-fixture";

const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 5, text: 5, reasoning: undefined } };
const toolCall = (toolName: string, input: unknown, toolCallId = `call-${toolName}`) => ({ type: "tool-call" as const, toolCallId, toolName, input: JSON.stringify(input) });
const text = (t: string) => ({ type: "text" as const, text: t });
/** A scripted hosted model: one reply per step, in order. */
const scripted = (...replies: ({ type: "tool-call"; toolCallId: string; toolName: string; input: string } | { type: "text"; text: string })[][]) =>
  new MockLanguageModelV3({
    doGenerate: replies.map((content) => ({ content, finishReason: { unified: content.some((c) => c.type === "tool-call") ? ("tool-calls" as const) : ("stop" as const), raw: undefined }, usage, warnings: [] })),
  });

describe.each(testDrivers())("assistant agent loop on %s", (driver) => {
  let database: TestDatabase;
  let fx: AssistantFixture;
  let analyst: AgentContext;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    fx = await seedAssistantFixture(database);
    analyst = await fx.as("analyst");
  }, 300_000);
  afterAll(() => database?.close());

  it("the offline planner answers a forecast question with the service's own numbers", async () => {
    const r = await askAssistant(analyst, "How much oat milk will Acme Downtown sell next week?");
    expect(r.provider).toBe("offline");
    expect(r.steps.map((s) => s.tool)).toEqual(["forecastDemand"]);
    const s = await withTenant(database, fx.acmeId, (tx) => getSeriesForecast(tx, { storeId: "S01", itemId: "DAI-003", historyDays: 7 }));
    const p50 = Math.round(s.forecast.slice(0, 7).reduce((a, f) => a + f.p50, 0) * 10) / 10;
    expect(r.answer).toContain(`${units(p50)} units (P50)`);
    expect(r.grounding.unverified).toEqual([]);
  });

  it("runs a hosted model's tool-call sequence through the same tools, streamed", async () => {
    const model = new MockLanguageModelV3({
      doStream: [
        { stream: simulateReadableStream({ chunks: [{ type: "stream-start", warnings: [] }, toolCall("lookupCatalog", { text: "store 3" }), { type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage }] }) },
        { stream: simulateReadableStream({ chunks: [{ type: "stream-start", warnings: [] }, toolCall("querySales", { storeId: "S03", groupBy: "category", compareWith: "previous_period" }), { type: "finish", finishReason: { unified: "tool-calls", raw: undefined }, usage }] }) },
        {
          stream: simulateReadableStream({
            chunks: [
              { type: "stream-start", warnings: [] },
              { type: "text-start", id: "t" },
              { type: "text-delta", id: "t", delta: "Store 3 " },
              { type: "text-delta", id: "t", delta: "did well." },
              { type: "text-end", id: "t" },
              { type: "finish", finishReason: { unified: "stop", raw: undefined }, usage },
            ],
          }),
        },
      ],
    });
    const result = await streamAssistant(analyst, { model, messages: [{ role: "user", content: "how did store 3 do?" }] });
    const deltas: string[] = [];
    for await (const part of result.fullStream) if (part.type === "text-delta") deltas.push(part.text);
    expect(deltas).toEqual(["Store 3 ", "did well."]);
    const steps = await result.steps;
    expect(steps.flatMap((s) => s.toolCalls.map((c) => c.toolName))).toEqual(["lookupCatalog", "querySales"]);
    const lookup = steps[0]!.toolResults[0]!.output as { stores: { id: string }[] };
    expect(lookup.stores.map((s) => s.id)).toEqual(["S03"]);
    const sales = steps[1]!.toolResults[0]!.output as { filters: { storeId: string }; kpis: { revenue: number } };
    expect(sales.filters.storeId).toBe("S03");
    expect(sales.kpis.revenue).toBeGreaterThan(0);
  });

  it("surfaces a provider error mid-stream without running further steps", async () => {
    const model = new MockLanguageModelV3({
      doStream: async () => ({
        stream: simulateReadableStream({
          chunks: [{ type: "stream-start", warnings: [] }, { type: "text-start", id: "t" }, { type: "text-delta", id: "t", delta: "Partial" }, { type: "error", error: new Error("upstream 502") }],
        }),
      }),
    });
    const result = await streamAssistant(analyst, { model, messages: [{ role: "user", content: "sales?" }] });
    const errors: unknown[] = [];
    for await (const part of result.fullStream) if (part.type === "error") errors.push(part.error);
    expect(String(errors[0])).toContain("upstream 502");
  });

  describe("state-changing tools need an approval the server issued", () => {
    const openAction = async () => (await withTenant(database, fx.acmeId, (tx) => listActions(tx, fx.acmeId, { limit: 5 }))).actions;
    const statusOf = async (id: string) => (await withTenant(database, fx.acmeId, (tx) => tx.select({ status: actions.status }).from(actions).where(eq(actions.id, id))))[0]?.status;
    const audited = async (id: string) => withTenant(database, fx.acmeId, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "action.accepted"))));

    async function propose(ctx: AgentContext, actionId: string) {
      const model = scripted([toolCall("decideAction", { actionId, decision: "accept" }, `call-${actionId}`)], [text("Accepted.")]);
      const settings = { model, tools: assistantTools(ctx), stopWhen: stepCountIs(4), experimental_toolApprovalSecret: "test-secret" };
      const messages: ModelMessage[] = [{ role: "user", content: "accept it" }];
      const first = await generateText({ ...settings, messages });
      const request = first.content.find((c) => c.type === "tool-approval-request");
      return { settings, messages: [...messages, ...first.response.messages], request, first };
    }

    it("does not run before approval, runs once approved, and is audited", async () => {
      const [action] = await openAction();
      expect(action).toBeDefined();
      const { settings, messages, request, first } = await propose(analyst, action!.id);
      expect(request).toBeDefined();
      expect(first.toolResults).toEqual([]);
      expect(await statusOf(action!.id)).toBe("open");
      const approved = await generateText({ ...settings, messages: [...messages, { role: "tool", content: [{ type: "tool-approval-response", approvalId: request!.approvalId, approved: true }] }] });
      expect(approved.text).toBe("Accepted.");
      expect(await statusOf(action!.id)).toBe("accepted");
      expect(await audited(action!.id)).toHaveLength(1);
    });

    it("a denial changes nothing and the conversation goes on", async () => {
      const [action] = await openAction();
      const { settings, messages, request } = await propose(analyst, action!.id);
      const denied = await generateText({ ...settings, messages: [...messages, { role: "tool", content: [{ type: "tool-approval-response", approvalId: request!.approvalId, approved: false }] }] });
      expect(denied.text).toBe("Accepted.");
      expect(await statusOf(action!.id)).toBe("open");
      const next = await askAssistant(analyst, "what are my open actions?");
      expect(next.steps.map((s) => s.tool)).toEqual(["listOpenActions"]);
    });

    it("rejects an approval forged for another input, and re-checks the role", async () => {
      const [first, second] = await openAction();
      const { settings, messages, request } = await propose(analyst, first!.id);
      // The client swaps the action id inside the signed call and approves it.
      const forged = messages.map((m) =>
        m.role === "assistant" && Array.isArray(m.content) ? { ...m, content: m.content.map((p) => (p.type === "tool-call" ? { ...p, input: { actionId: second!.id, decision: "accept" } } : p)) } : m,
      ) as ModelMessage[];
      await generateText({ ...settings, messages: [...forged, { role: "tool", content: [{ type: "tool-approval-response", approvalId: request!.approvalId, approved: true }] }] }).catch(() => null);
      expect(await statusOf(second!.id)).toBe("open");
      expect(await statusOf(first!.id)).toBe("open");

      const viewer = await fx.as("viewer");
      const v = await propose(viewer, first!.id);
      const result = await generateText({ ...v.settings, messages: [...v.messages, { role: "tool", content: [{ type: "tool-approval-response", approvalId: v.request!.approvalId, approved: true }] }] });
      expect(JSON.stringify([result.steps, result.response.messages])).toContain("forbidden:role");
      expect(await statusOf(first!.id)).toBe("open");
    });
  });

  describe("tenant isolation through the assistant", () => {
    it("another tenant's user never sees Acme's data, even naming its items, stores and tenant id", async () => {
      const asked = [`How much oat milk will Acme Downtown sell next week?`, `sales at store S01 last month`, `show sales for tenant ${fx.acmeId}`, `which store will run out of oat milk first?`];
      for (const q of asked) {
        const r = await askAssistant(fx.otherCtx, q);
        const seen = JSON.stringify(r);
        expect(seen).not.toContain("Oat Milk");
        expect(seen).not.toContain("Acme Downtown");
        expect(seen).not.toContain("DAI-003");
      }
      const tools = assistantTools(fx.otherCtx);
      const exec = (t: { execute?: unknown }, input: unknown) => (t.execute as (i: unknown, o: unknown) => Promise<unknown>)(input, { toolCallId: "x", messages: [] });
      expect(await exec(tools.forecastDemand, { itemId: "DAI-003", storeIds: ["S01"], horizonDays: 7 })).toMatchObject({ code: "not_found:store" });
      expect(await exec(tools.recommendInventory, { itemId: "DAI-003", sortBy: "marginAtRisk", ordersDueOnly: false, limit: 5 })).toMatchObject({ code: "not_found:item" });
      expect(await exec(tools.querySales, { storeId: "S01", groupBy: "store", compareWith: "none" })).toMatchObject({ code: "not_found:store" });
      const lookup = (await exec(tools.lookupCatalog, { text: "oat milk at acme downtown" })) as { items: unknown[]; stores: unknown[] };
      expect(lookup.items).toEqual([]);
      expect(lookup.stores).toEqual([]);
    });
  });

  it("POST /api/v1/assistant answers for the key's tenant, metered, and names bad input", async () => {
    const api = createRestApi({ getDatabase: async () => database });
    const key = (await createKey(database, fx.acmeId, "read")).key;
    const res = await call(api.assistant, "/assistant", { key, method: "POST", body: JSON.stringify({ question: "sales at store 3 last month" }) });
    expect(res.status).toBe(200);
    const data = (res.body.data ?? res.body) as { provider: string; steps: { tool: string; input: { storeId?: string } }[] };
    expect(data.provider).toBe("offline");
    expect(data.steps[0]).toMatchObject({ tool: "querySales", input: { storeId: "S03" } });
    const bad = await call(api.assistant, "/assistant", { key, method: "POST", body: JSON.stringify({ question: "" }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/question/);
  });

  it("conversations are kept per member: another member or tenant cannot read or overwrite one", async () => {
    const id = crypto.randomUUID();
    const actor = { tenantId: fx.acmeId, userId: analyst.userId, role: "analyst" as const };
    await withTenant(database, fx.acmeId, (tx) => saveConversation(tx, actor, { id, messages: [{ id: "m1", role: "user", parts: [] }], firstQuestion: "hello", unverified: 0 }));
    const viewer = await fx.as("viewer");
    await withTenant(database, fx.acmeId, (tx) => saveConversation(tx, { ...actor, userId: viewer.userId, role: "viewer" }, { id, messages: [], firstQuestion: "hijack", unverified: 0 }));
    const mine = await withTenant(database, fx.acmeId, (tx) => getConversation(tx, analyst.userId!, id));
    expect(mine.messages).toHaveLength(1);
    await expect(withTenant(database, fx.acmeId, (tx) => getConversation(tx, viewer.userId!, id))).rejects.toThrow(/not found/);
    expect(await withTenant(database, fx.other.id, (tx) => listConversations(tx, analyst.userId!))).toEqual([]);
  });
});
