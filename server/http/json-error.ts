import type { ErrorBody } from "@/server/rest/schemas";

/** For answers that carry a tenant's data (tRPC, REST): kept by no browser or shared cache. */
export const PRIVATE_NO_STORE = { "cache-control": "private, no-store" } as const;

/** `{ error: { code, message } }` with its status, never cached: the error shape of every JSON route. */
export function jsonError(error: { status: number; code: string; message: string }, headers: Record<string, string> = {}): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  return Response.json(body, { status: error.status, headers: { ...PRIVATE_NO_STORE, ...headers } });
}
