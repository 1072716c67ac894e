import type { ErrorBody } from "@/server/rest/schemas";

/** `{ error: { code, message } }` with its status, never cached: the error shape of every JSON route. */
export function jsonError(error: { status: number; code: string; message: string }, headers: Record<string, string> = {}): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return Response.json(body, { status: error.status, headers: { "cache-control": "private, no-store", ...headers } });
}
