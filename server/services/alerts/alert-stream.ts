import "server-only";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { subscribeToAlerts } from "./alert-bus";
import { getAlert } from "./list-alerts";

/** A comment line this often keeps proxies and the browser from dropping an idle stream. */
export const KEEP_ALIVE_MS = 15_000;

/**
 * The Server-Sent Events body for one tenant member: an `alert` event (the alert as listAlerts
 * returns it, JSON) for each alert raised for that tenant, re-read under its RLS, and a keep-alive
 * comment every KEEP_ALIVE_MS. Unsubscribes when the client goes (`signal`) or the stream is cancelled.
 */
export async function openAlertStream(database: Database, tenantId: string, signal: AbortSignal, options: { keepAliveMs?: number } = {}): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const send = (chunk: string) => {
    if (!closed) controller.enqueue(encoder.encode(chunk));
  };
  const unsubscribe = await subscribeToAlerts(database, tenantId, (alertId) => {
    withTenant(database, tenantId, (tx) => getAlert(tx, alertId))
      .then((alert) => send(`id: ${alert.id}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`))
      .catch((error: unknown) => {
        // Deleted since, or never this tenant's: nothing to tell.
        if (!(error instanceof AppError)) console.error("alert stream re-read failed:", error);
      });
  });
  const keepAlive = setInterval(() => send(": keep-alive\n\n"), options.keepAliveMs ?? KEEP_ALIVE_MS);
  const cleanup = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    unsubscribe();
    try {
      controller.close();
    } catch {
      // Already closed by the reader.
    }
  };
  signal.addEventListener("abort", cleanup, { once: true });
  return new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      // Tells EventSource how long to wait before reconnecting, and opens the stream at once.
      c.enqueue(encoder.encode("retry: 3000\n: connected\n\n"));
      if (signal.aborted) cleanup();
    },
    cancel: cleanup,
  });
}
