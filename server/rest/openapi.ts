import { z } from "zod";
import type { EndpointSpec } from "./api-handler";
import { formatBytes } from "@/server/http/body-limit";
import { ENDPOINTS } from "./endpoints";
import { NAMED_SCHEMAS } from "./schemas";

type JsonSchema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON Schema without the top-level keys that belong to a standalone document, not an OpenAPI schema object. */
function bare(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

const components = z.registry<{ id: string }>();
for (const [id, schema] of Object.entries(NAMED_SCHEMAS)) components.add(schema, { id });

function componentName(schema: z.ZodType, operationId: string): string {
  const name = components.get(schema)?.id;
  if (!name) throw new Error(`The output schema of ${operationId} is not in NAMED_SCHEMAS`);
  return name;
}

/** OpenAPI parameters from an object schema's properties, as the client sends them. */
function parameters(schema: z.ZodObject | undefined, location: "path" | "query") {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: "input" });
  const required = new Set(json.required ?? []);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: location, required: location === "path" || required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

function operation(endpoint: EndpointSpec, outputName: string) {
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    description: `Needs an API key with the \`${endpoint.scope}\` scope${endpoint.scope === "read" ? " (write keys may read too)" : ""}.`,
    parameters: [...parameters(endpoint.params, "path"), ...parameters(endpoint.query, "query")],
    ...(endpoint.body
      ? { requestBody: { required: true, content: { "application/json": { schema: bare(z.toJSONSchema(endpoint.body, { io: "input" }) as JsonSchema) } } } }
      : {}),
    ...(endpoint.upload
      ? {
          requestBody: {
            required: true,
            description: `The CSV file, streamed (at most ${formatBytes(endpoint.upload.limitBytes)}): UTF-8, UTF-16 with a byte-order mark or Windows-1252; comma, semicolon, tab or pipe separated; a header line naming the columns.`,
            content: {
              "text/csv": { schema: { type: "string" } },
              "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } }, required: ["file"] } },
            },
          },
        }
      : {}),
    responses: {
      [String(endpoint.successStatus ?? 200)]: endpoint.produces
        ? { description: "The PDF file (a download)", content: { [endpoint.produces]: { schema: { type: "string", format: "binary" } } } }
        : {
            description: endpoint.successStatus === 201 ? "Created" : "Success",
            content: { "application/json": { schema: { type: "object", properties: { data: ref(outputName) }, required: ["data"], additionalProperties: false } } },
          },
      "400": errorResponse(
        `Invalid input (\`bad_request:validation\`${endpoint.body ? ", or `bad_request:json` for a body that is not JSON" : ""}${endpoint.upload ? "; `bad_request:csv` for a file that cannot be read, naming the line; `bad_request:rows` when rows were rejected and nothing was imported" : ""}); the message names the fields. ` +
          `Unknown query parameters are refused, numbers are plain decimals${endpoint.query ? "" : " (this endpoint takes none)"}`,
      ),
      "401": errorResponse("Missing (`unauthorized:missing_key`) or unknown/revoked (`unauthorized:invalid_key`) API key"),
      ...(endpoint.scope === "write" ? { "403": errorResponse("The key has the read scope only (`forbidden:scope`)") } : {}),
      ...(endpoint.notFound ? { "404": errorResponse(endpoint.notFound) } : {}),
      ...(endpoint.body ? { "413": errorResponse("The body is larger than 1 MB (`payload_too_large:body`)") } : {}),
      ...(endpoint.upload
        ? {
            "413": errorResponse(`The file is larger than ${formatBytes(endpoint.upload.limitBytes)} (\`payload_too_large:body\`)`),
            "415": errorResponse("The body is neither text/csv nor multipart/form-data (`unsupported_media_type:upload`)"),
          }
        : {}),
      "429": {
        ...errorResponse("The key's request budget is spent (`too_many_requests:rate_limit`): 60 at once, then 2 per second"),
        headers: { "Retry-After": { description: "Seconds until the key may try again", schema: { type: "integer" } } },
      },
      "500": errorResponse("Unexpected server error (`internal`); details are logged, never returned"),
      "503": errorResponse("A database statement ran past its time limit (`unavailable:statement_timeout`); ask for less at once"),
    },
  };
}

/** The OpenAPI 3.1 document of `/api/v1`, generated from the endpoints' own zod schemas. */
export function buildOpenApiDocument() {
  // One conversion of the whole registry, so schemas that contain others refer to them by `$ref`.
  const { schemas } = z.toJSONSchema(components, { io: "output", uri: (id) => `#/components/schemas/${id}` });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(endpoint, endpoint.produces ? "" : componentName(endpoint.output, endpoint.operationId));
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Foresight API",
      version: "1.0.0",
      description:
        "Read a tenant's catalog and sales, update items, import CSV files and stream sale events, with an API key (`Authorization: Bearer fs_live_…`). " +
        "Create keys on the admin page or with `npm run cli -- apikey create`. Success: `{ data }`; failure: `{ error: { code, message } }`.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "A tenant API key; its scope is `read` or `write`." } },
      schemas: Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, bare(schema as JsonSchema)])),
    },
  };
}
export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let cached: OpenApiDocument | undefined;

/** `GET /api/v1/openapi.json`: public, no key needed, so clients can be generated before one exists. */
export function serveOpenApiDocument(): Response {
  cached ??= buildOpenApiDocument();
  return Response.json(cached, { headers: { "cache-control": "public, max-age=300" } });
}
