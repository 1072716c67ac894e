import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { AppError } from "@/server/errors/app-error";
import { JSON_BODY_LIMIT_BYTES, bodyTooLarge, limitBody } from "@/server/http/body-limit";
import { PRIVATE_NO_STORE } from "@/server/http/json-error";
import { assertSameOrigin } from "@/server/http/same-origin";
import { TRPC_MAX_BATCH } from "./batch-limit";
import { appRouter } from "./root";
import type { TRPCContext } from "./trpc";

/**
 * `/api/trpc` as a Web `Request → Response` function: the body counted against the JSON limit
 * (413 naming it), at most TRPC_MAX_BATCH calls a request, POSTs from other sites refused (403),
 * `Retry-After` on 429 and no caching.
 * `createContext` is injected so tests run the same handler without Next.js.
 */
export function createTrpcHttpHandler(createContext: (request: Request) => Promise<TRPCContext>) {
  const tooLarge = () => {
    const cause = bodyTooLarge(JSON_BODY_LIMIT_BYTES, "API requests");
    return new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: cause.message, cause });
  };
  return (request: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: limitBody(request, JSON_BODY_LIMIT_BYTES, tooLarge),
      router: appRouter,
      createContext: ({ info }) => {
        if (info.calls.length > TRPC_MAX_BATCH) {
          throw new TRPCError({ code: "BAD_REQUEST", message: `A batch may hold at most ${TRPC_MAX_BATCH} calls; this one has ${info.calls.length}.` });
        }
        // Mutations come by POST: one posted from another site's page is refused (CSRF).
        if (request.method === "POST") {
          try {
            assertSameOrigin(request);
          } catch (cause) {
            throw new TRPCError({ code: "FORBIDDEN", message: (cause as Error).message, cause });
          }
        }
        return createContext(request);
      },
      responseMeta: ({ errors }) => {
        const retryAfter = Math.max(0, ...errors.map((e) => (e.cause instanceof AppError ? (e.cause.retryAfterSeconds ?? 0) : 0)));
        return { headers: retryAfter > 0 ? { ...PRIVATE_NO_STORE, "retry-after": String(retryAfter) } : PRIVATE_NO_STORE };
      },
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
      },
    });
}
