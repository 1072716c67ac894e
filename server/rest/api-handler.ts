import { ZodError, z } from "zod";
import type { ApiKeyScope } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { authenticateApiKey } from "@/server/services/api-keys/api-keys";
import type { ApiKeyPrincipal } from "@/server/services/api-keys/api-keys";
import type { ErrorBody } from "./schemas";

/** What an endpoint accepts and returns. The OpenAPI document is built from these same objects. */
export type EndpointSpec = {
  operationId: string;
  method: "GET" | "PATCH";
  /** Path under `/api/v1` in OpenAPI form, e.g. `/items/{id}`. */
  path: string;
  summary: string;
  /** `read` endpoints accept read and write keys; `write` endpoints only write keys. */
  scope: ApiKeyScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Shape of `data` in the 200 response; the handler's result is parsed through it. */
  output: z.ZodType;
  /** When the endpoint answers 404, for the document. */
  notFound?: string;
};

type Parsed<S, K extends "params" | "query" | "body"> = S extends { [P in K]: infer T extends z.ZodType } ? z.output<T> : undefined;

export type HandlerContext<S extends EndpointSpec> = {
  principal: ApiKeyPrincipal;
  database: Database;
  params: Parsed<S, "params">;
  query: Parsed<S, "query">;
  body: Parsed<S, "body">;
  /** Runs work in the key's tenant context (RLS); the only way handlers reach tenant data. */
  withTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};

/** The second argument Next.js passes to route handlers. */
export type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };
export type RestHandler = (request: Request, context?: RouteContext) => Promise<Response>;

const INTERNAL_MESSAGE = "Something went wrong on our side.";

/** One line per issue, each starting with the field it is about: "from: Dates are YYYY-MM-DD". */
export function describeIssues(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("bad_request:validation", describeIssues(result.error));
  return result.data;
}

/** Query parameters the schema types as numbers, so their strings can be converted before parsing. */
function numericKeys(query: z.ZodObject): Set<string> {
  const json = z.toJSONSchema(query, { io: "input", unrepresentable: "any" });
  const properties = (json.properties ?? {}) as Record<string, { type?: unknown }>;
  return new Set(Object.keys(properties).filter((k) => properties[k]?.type === "number" || properties[k]?.type === "integer"));
}

function readQuery(request: Request, numeric: Set<string>): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    // `?category=` means "no filter", as forms and scripts send it, not "the empty category".
    if (value === "") continue;
    // Non-numeric text stays a string so the schema reports "expected number" for that field.
    query[key] = numeric.has(key) && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return query;
}

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === "" ? "the body is empty" : (error as Error).message;
    throw new AppError("bad_request:json", `The request body must be JSON: ${reason}.`);
  }
}

function bearerKey(request: Request): string {
  const key = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (!key) throw new AppError("unauthorized:missing_key", "Send an API key in the header `Authorization: Bearer <key>`.");
  return key;
}

async function authenticate(database: Database, key: string): Promise<ApiKeyPrincipal> {
  const principal = await authenticateApiKey(database, key);
  if (!principal) throw new AppError("unauthorized:invalid_key", "This API key is unknown or has been revoked.");
  return principal;
}

function errorResponse(status: number, code: string, message: string): Response {
  const body: ErrorBody = { error: { code, message } };
  const headers: HeadersInit = status === 401 ? { "www-authenticate": 'Bearer realm="foresight"' } : {};
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/**
 * Wraps an endpoint's logic into a Web `Request → Response` function: API-key authentication,
 * scope check, zod validation of path, query and body, output parsed through `spec.output`, and
 * every failure turned into `{ error: { code, message } }` with its HTTP status.
 * `getDatabase` is injected so tests run the same handler on their own database.
 */
export function apiHandler<S extends EndpointSpec>(
  options: S & { getDatabase: () => Promise<Database> },
  run: (ctx: HandlerContext<S>) => Promise<z.input<S["output"]>>,
): RestHandler {
  const strictQuery = options.query?.strict();
  const numeric = options.query ? numericKeys(options.query) : new Set<string>();
  return async (request, context) => {
    try {
      const key = bearerKey(request);
      const database = await options.getDatabase();
      const principal = await authenticate(database, key);
      if (options.scope === "write" && principal.scope !== "write") {
        throw new AppError("forbidden:scope", "This endpoint needs an API key with the write scope; this key is read-only.");
      }
      const ctx = {
        principal,
        database,
        params: options.params ? parseWith(options.params, (await context?.params) ?? {}) : undefined,
        query: strictQuery ? parseWith(strictQuery, readQuery(request, numeric)) : undefined,
        body: options.body ? parseWith(options.body, await readJsonBody(request)) : undefined,
        withTenant: <T>(fn: (tx: Tx) => Promise<T>) => withTenant(database, principal.tenantId, fn),
      } as HandlerContext<S>;
      const result = options.output.safeParse(await run(ctx));
      if (!result.success) {
        throw new Error(`${options.operationId} returned data that does not match its output schema: ${describeIssues(result.error)}`);
      }
      return Response.json({ data: result.data }, { headers: { "cache-control": "no-store" } });
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error.status, error.code, error.message);
      // Services validate their input with the same schemas; a rejection there is still the caller's.
      if (error instanceof ZodError) return errorResponse(400, "bad_request:validation", describeIssues(error));
      console.error(`REST ${options.method} ${options.path} failed:`, error);
      return errorResponse(500, "internal", INTERNAL_MESSAGE);
    }
  };
}
