/**
 * Calls one tRPC HTTP request may batch. Shared with the browser client (app/_trpc/client.tsx),
 * which splits larger batches, so it holds nothing but this number.
 */
export const TRPC_MAX_BATCH = 10;
