import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

export type Expected<T> = { data: T } | { error: string };

const SHOWN = new Set(["NOT_FOUND", "BAD_REQUEST", "CONFLICT"]);

/** A call whose refusals (no such forecast, date out of range, stale explanation) the page shows as text; anything else still fails the page. */
export function expected<T>(call: Promise<T>): Promise<Expected<T>> {
  return call
    .then((data) => ({ data }))
    .catch((e: unknown) => {
      if (e instanceof TRPCError && SHOWN.has(e.code)) return { error: e.message };
      throw e;
    });
}

/** A record named in the URL: unknown, malformed or another tenant's id is the one branded 404. */
export function orNotFound<T>(call: Promise<T>): Promise<T> {
  return call.catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  });
}
