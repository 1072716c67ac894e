import { expect } from "vitest";
import type { ApiKeyScope } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import type { RestHandler } from "@/server/rest/api-handler";
import { createApiKey } from "@/server/services/api-keys/api-keys";

/** A fresh API key of `scope` for the tenant, created as its owner would. */
export async function createKey(database: Database, tenantId: string, scope: ApiKeyScope): Promise<{ id: string; key: string }> {
  const { id, key } = await withTenant(database, tenantId, (tx) => createApiKey(tx, { tenantId, role: "owner" }, { name: `test ${scope}`, scope }));
  return { id, key };
}

type Call = {
  key?: string;
  authorization?: string;
  method?: string;
  query?: string;
  body?: BodyInit;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

/** Calls a REST handler the way Next.js would and returns the status and parsed JSON body. */
export async function call(
  handler: RestHandler,
  path: string,
  options: Call = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> & { data?: unknown; error?: { code: string; message: string } } }> {
  const headers = new Headers({ "content-type": "application/json", ...options.headers });
  const authorization = options.authorization ?? (options.key ? `Bearer ${options.key}` : undefined);
  if (authorization) headers.set("authorization", authorization);
  const request = new Request(`http://localhost/api/v1${path}${options.query ? `?${options.query}` : ""}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body,
    duplex: "half",
  } as RequestInit);
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  expect(response.headers.get("content-type")).toMatch(/application\/json/);
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}
