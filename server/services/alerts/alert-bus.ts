import "server-only";
import { z } from "zod";
import type { Database } from "@/server/db/database";
import { ALERT_CHANNEL } from "./raise-alert";

type Listener = (alertId: string) => void;
type Bus = { subscribers: Map<string, Set<Listener>>; listening: Promise<() => Promise<void>> | null };

const payloadSchema = z.tuple([z.uuid(), z.uuid()]);
// One LISTEN per database per process, however many SSE clients: kept on globalThis like the database itself.
const globalForBus = globalThis as unknown as { foresightAlertBuses?: WeakMap<Database, Bus> };

function busOf(database: Database): Bus {
  globalForBus.foresightAlertBuses ??= new WeakMap();
  let bus = globalForBus.foresightAlertBuses.get(database);
  if (!bus) {
    bus = { subscribers: new Map(), listening: null };
    globalForBus.foresightAlertBuses.set(database, bus);
  }
  return bus;
}

function dispatch(bus: Bus, payload: string) {
  const parsed = payloadSchema.safeParse(payload.split(":"));
  if (!parsed.success) return;
  const [tenantId, alertId] = parsed.data;
  for (const listener of bus.subscribers.get(tenantId) ?? []) listener(alertId);
}

/**
 * Calls `onAlert(alertId)` for every alert raised for `tenantId` in any process of the
 * deployment (PostgreSQL NOTIFY; PGlite's in-process notifications on the embedded database,
 * behind the same `Database.listen`). The id is all it hands over: the subscriber re-reads the
 * alert in the tenant's own RLS context. Resolves once listening; returns the unsubscribe.
 */
export async function subscribeToAlerts(database: Database, tenantId: string, onAlert: Listener): Promise<() => void> {
  const bus = busOf(database);
  const set = bus.subscribers.get(tenantId) ?? new Set<Listener>();
  set.add(onAlert);
  bus.subscribers.set(tenantId, set);
  bus.listening ??= database.listen(ALERT_CHANNEL, (payload) => dispatch(bus, payload));
  try {
    await bus.listening;
  } catch (error) {
    bus.listening = null;
    set.delete(onAlert);
    throw error;
  }
  return () => {
    set.delete(onAlert);
    if (set.size === 0) bus.subscribers.delete(tenantId);
  };
}
