import { ZodError, z } from "zod";
import type { ApiKeyScope } from "@/drizzle/schema";
import { clientIp } from "@/server/auth/client-ip";
import type { Database, Tx } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { appErrorFromDatabase } from "@/server/errors/database-error";
import { JSON_BODY_LIMIT_BYTES, readLimitedText } from "@/server/http/body-limit";
import { readCsvUpload } from "@/server/http/csv-upload";
import type { CsvUpload } from "@/server/http/csv-upload";
import { PRIVATE_NO_STORE, jsonError } from "@/server/http/json-error";
import { enforceRateLimit } from "@/server/http/rate-limit";
import type { RateLimiter } from "@/server/http/rate-limit";
import type { Actor } from "@/server/services/actor";
import { authenticateApiKey } from "@/server/services/api-keys/api-keys";
import { enforcePlanRateLimit } from "@/server/services/billing/api-rate-limit";
import { assertWritable } from "@/server/services/billing/billing-state";
import type { ApiKeyPrincipal } from "@/server/services/api-keys/api-keys";
import { describeIssues } from "@/server/validation/describe-issues";

/** What an endpoint accepts and returns. The OpenAPI document is built from these same objects. */
export type EndpointSpec = {
  operationId: string;
  method: "GET" | "PATCH" | "POST";
  /** Path under `/api/v1` in OpenAPI form, e.g. `/items/{id}`. */
  path: string;
  summary: string;
  /** `read` endpoints accept read and write keys; `write` endpoints only write keys. */
  scope: ApiKeyScope;
  params?: z.ZodObject;
  /** Query parameters; unknown ones are refused (an endpoint without this accepts none). */
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body is a CSV file (`text/csv`, or a multipart form's `file`), streamed to the handler, at most this many bytes. */
  upload?: { limitBytes: number };
  /** Shape of `data` in the 200 response; the handler's result is parsed through it. */
  output: z.ZodType;
  /** Set for endpoints answering with a file instead of JSON: `output` is then `pdfFileSchema` and the 200 body is the PDF. */
  produces?: "application/pdf";
  /** When the endpoint answers 404, for the document. */
  notFound?: string;
  /** Status of a success: 200 unless the endpoint creates something (201). */
  successStatus?: 200 | 201;
};

type Parsed<S, K extends "params" | "query" | "body"> = S extends { [P in K]: infer T extends z.ZodType } ? z.output<T> : undefined;

export type HandlerContext<S extends EndpointSpec> = {
  principal: ApiKeyPrincipal;
  /** The key acting inside its tenant with admin rights; audit entries name the key and the caller's address. */
  actor: Actor;
  database: Database;
  params: Parsed<S, "params">;
  query: Parsed<S, "query">;
  body: Parsed<S, "body">;
  upload: S extends { upload: object } ? CsvUpload : undefined;
  /** Runs work in the key's tenant context (RLS); the only way handlers reach tenant data. */
  withTenant: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};

/** The second argument Next.js passes to route handlers. */
export type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };
export type RestHandler = (request: Request, context?: RouteContext) => Promise<Response>;

const INTERNAL_MESSAGE = "Something went wrong on our side.";

/** What a file endpoint's handler returns: the bytes and the name the download is saved under. */
export const pdfFileSchema = z.object({ bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "expected the PDF bytes"), filename: z.string().regex(/^[\w.-]+\.pdf$/) });

/** A generated PDF as a download, never cached (it carries the tenant's data). */
export function pdfResponse(file: z.output<typeof pdfFileSchema>): Response {
  return new Response(Buffer.from(file.bytes), {
    headers: { ...PRIVATE_NO_STORE, "content-type": "application/pdf", "content-length": String(file.bytes.byteLength), "content-disposition": `attachment; filename="${file.filename}"` },
  });
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, describe = describeIssues): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("bad_request:validation", describe(result.error));
  return result.data;
}

/** Like describeIssues, with unknown query parameters named first and the accepted ones listed. */
function describeQueryIssues(known: Set<string>) {
  const accepted = known.size ? `this endpoint accepts ${[...known].join(", ")}` : "this endpoint takes no query parameters";
  return (error: ZodError) =>
    error.issues
      .map((i) => (i.code === "unrecognized_keys" ? `${i.keys.join(", ")}: Unknown query parameter (${accepted})` : describeIssues(new ZodError([i]))))
      .join("; ");
}

/** Query parameters the schema types as numbers, and which of them must be integers. */
function numericKeys(query: z.ZodObject): Map<string, "integer" | "number"> {
  const json = z.toJSONSchema(query, { io: "input", unrepresentable: "any" });
  const properties = (json.properties ?? {}) as Record<string, { type?: unknown }>;
  const numeric = new Map<string, "integer" | "number">();
  for (const [key, { type }] of Object.entries(properties)) if (type === "integer" || type === "number") numeric.set(key, type);
  return numeric;
}

// Plain decimal only: Number() would also take "0x10", "1e2", " 5" and "".
const DECIMAL = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/ } as const;

function readQuery(request: Request, known: Set<string>, numeric: Map<string, "integer" | "number">): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [key, value] of new URL(request.url).searchParams) {
    if (key in query) throw new AppError("bad_request:validation", `${key}: Given more than once`);
    // `?category=` means "no filter", as forms and scripts send it, not "the empty category".
    if (value === "" && known.has(key)) continue;
    const kind = numeric.get(key);
    // Anything else stays a string so the schema reports "expected number" for that field.
    query[key] = kind && DECIMAL[kind].test(value) ? Number(value) : value;
  }
  return query;
}

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readLimitedText(request, JSON_BODY_LIMIT_BYTES, "JSON request bodies");
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

function errorResponse(error: AppError | { status: number; code: string; message: string }): Response {
  const headers: Record<string, string> = {};
  if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="foresight"';
  if (error instanceof AppError && error.retryAfterSeconds) headers["retry-after"] = String(error.retryAfterSeconds);
  return jsonError(error, headers);
}

/**
 * Wraps an endpoint's logic into a Web `Request → Response` function: API-key authentication,
 * scope check, the key's request budget (429 with `Retry-After`), strict zod validation of path,
 * query (unknown parameters refused, numbers in plain decimal) and body (at most 1 MB, counted as
 * it arrives), output parsed through `spec.output`, and every failure turned into
 * `{ error: { code, message } }` with its HTTP status.
 * `getDatabase` and `rateLimiter` are injected so tests run the same handler on their own.
 */
export function apiHandler<S extends EndpointSpec>(
  options: S & { getDatabase: () => Promise<Database>; rateLimiter?: RateLimiter },
  run: (ctx: HandlerContext<S>) => Promise<z.input<S["output"]>>,
): RestHandler {
  const query = (options.query ?? z.object({})).strict();
  const knownQuery = new Set(Object.keys(query.shape));
  const numeric = numericKeys(query);
  const describeQuery = describeQueryIssues(knownQuery);
  return async (request, context) => {
    try {
      const key = bearerKey(request);
      const database = await options.getDatabase();
      const principal = await authenticate(database, key);
      if (options.rateLimiter) {
        // The key's own budget first (one runaway script meets its key's limit), then the plan's for the whole tenant.
        enforceRateLimit(options.rateLimiter, { kind: "api_key", id: principal.apiKeyId, tenantId: principal.tenantId });
        enforcePlanRateLimit(options.rateLimiter, principal);
      }
      if (options.scope === "write" && principal.scope !== "write") {
        throw new AppError("forbidden:scope", "This endpoint needs an API key with the write scope; this key is read-only.");
      }
      if (options.method !== "GET") assertWritable(principal);
      const parsedQuery = parseWith(query, readQuery(request, knownQuery, numeric), describeQuery);
      const ctx = {
        principal,
        actor: { tenantId: principal.tenantId, apiKeyId: principal.apiKeyId, role: "admin", ip: clientIp(request.headers) },
        database,
        params: options.params ? parseWith(options.params, (await context?.params) ?? {}) : undefined,
        query: options.query ? parsedQuery : undefined,
        body: options.body ? parseWith(options.body, await readJsonBody(request)) : undefined,
        upload: options.upload ? await readCsvUpload(request, options.upload.limitBytes) : undefined,
        withTenant: <T>(fn: (tx: Tx) => Promise<T>) => withTenant(database, principal.tenantId, fn),
      } as HandlerContext<S>;
      const result = options.output.safeParse(await run(ctx));
      if (!result.success) {
        throw new Error(`${options.operationId} returned data that does not match its output schema: ${describeIssues(result.error)}`);
      }
      if (options.produces) return pdfResponse(pdfFileSchema.parse(result.data));
      return Response.json({ data: result.data }, { status: options.successStatus ?? 200, headers: PRIVATE_NO_STORE });
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      // Services validate their input with the same schemas; a rejection there is still the caller's.
      if (error instanceof ZodError) return errorResponse({ status: 400, code: "bad_request:validation", message: describeIssues(error) });
      const fromDatabase = appErrorFromDatabase(error);
      if (fromDatabase) return errorResponse(fromDatabase);
      console.error(`REST ${options.method} ${options.path} failed:`, error);
      return errorResponse({ status: 500, code: "internal", message: INTERNAL_MESSAGE });
    }
  };
}
