import "server-only";
import { ZodError } from "zod";
import { IMPORT_SOURCES } from "@/drizzle/schema";
import { clientIp } from "@/server/auth/client-ip";
import type { Database } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { roleAtLeast } from "@/server/services/actor";
import type { Actor } from "@/server/services/actor";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { importCsv, importQuerySchema } from "@/server/services/ingest/import-csv";
import type { ImportProgress, ImportResult } from "@/server/services/ingest/import-csv";
import { describeIssues } from "@/server/validation/describe-issues";
import { CSV_BODY_LIMIT_BYTES } from "./body-limit";
import { readCsvUpload } from "./csv-upload";
import type { CsvUpload } from "./csv-upload";
import { PRIVATE_NO_STORE, jsonError } from "./json-error";
import { enforceRateLimit } from "./rate-limit";
import type { RateLimiter } from "./rate-limit";

/** One line of the answer: progress while the file is read and loaded, then the outcome or the error. */
export type ImportStreamLine = { progress: ImportProgress } | { result: ImportResult } | { error: { code: string; message: string } };

/** Members below this role may see the history but not import. */
export const IMPORT_ROLE = "analyst" as const;
const PROGRESS_EVERY_MS = 250;

type Sources = { getDatabase: () => Promise<Database>; getUserId: () => Promise<string | null>; rateLimiter?: RateLimiter };

function failure(error: unknown): { status: number; code: string; message: string } {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return { status: 400, code: "bad_request:validation", message: describeIssues(error) };
  console.error("Import failed:", error);
  return { status: 500, code: "internal", message: "Something went wrong on our side; nothing of the file was stored." };
}

/**
 * `POST /api/import/{tenant}/{source}?mode=…` for the Data page: the signed-in member's upload
 * (analyst or higher), sent as `text/csv` — not a type a cross-site form can send without a CORS
 * preflight, which this route never grants. Checks happen before the body is read; then the
 * answer streams as NDJSON (`ImportStreamLine`), so the page shows rows per second while the file
 * is read, and the outcome (or the error with its code) at the end.
 */
export function sessionImportHandler(sources: Sources) {
  return async (request: Request, context: { params: Promise<{ tenant: string; source: string }> }): Promise<Response> => {
    let actor: Actor;
    let options: ReturnType<typeof importQuerySchema.parse> & { source: (typeof IMPORT_SOURCES)[number] };
    let database: Database;
    let upload: CsvUpload;
    try {
      const { tenant: slug, source } = await context.params;
      const userId = await sources.getUserId();
      if (!userId) throw new AppError("unauthorized", "Sign in first.");
      database = await sources.getDatabase();
      const membership = await findMembershipBySlug(database, userId, slug);
      if (!membership) throw new AppError("not_found:tenant", "No such workspace.");
      if (!roleAtLeast(membership.role, IMPORT_ROLE)) throw new AppError("forbidden:role", `Importing needs the ${IMPORT_ROLE} role or higher; you are ${membership.role}.`);
      if (sources.rateLimiter) enforceRateLimit(sources.rateLimiter, { kind: "user", id: userId });
      if (!(IMPORT_SOURCES as readonly string[]).includes(source)) throw new AppError("not_found:source", `No source "${source}"; the sources are ${IMPORT_SOURCES.join(", ")}.`);
      if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("text/csv")) {
        throw new AppError("unsupported_media_type:upload", "Send the file as text/csv.");
      }
      options = { ...importQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)), source: source as (typeof IMPORT_SOURCES)[number] };
      actor = { tenantId: membership.id, userId, role: membership.role, ip: clientIp(request.headers) };
      upload = await readCsvUpload(request, CSV_BODY_LIMIT_BYTES);
    } catch (error) {
      return jsonError(failure(error));
    }
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (line: ImportStreamLine) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        let last = 0;
        try {
          const result = await importCsv(database, actor, options, upload.stream, (progress) => {
            const now = performance.now();
            if (now - last < PROGRESS_EVERY_MS) return;
            last = now;
            send({ progress });
          });
          send({ result });
        } catch (error) {
          const { code, message } = failure(error);
          send({ error: { code, message } });
        }
        controller.close();
      },
    });
    return new Response(body, { headers: { "content-type": "application/x-ndjson", ...PRIVATE_NO_STORE } });
  };
}
