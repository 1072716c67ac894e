import { isIP } from "node:net";

/**
 * Request header that carries the client's address to the app. The front door (scripts/serve.ts)
 * sets it on every request from the socket, overwriting whatever the client sent, so route
 * handlers, server actions and Auth.js read an address the client cannot choose.
 */
export const CLIENT_ADDRESS_HEADER = "x-foresight-client-address";

const FRONT_DOOR = Symbol.for("foresight.front-door");
type Marked = typeof globalThis & { [FRONT_DOOR]?: true };

/** Called once by the front door before Next.js loads, in the same process. */
export function markFrontDoorActive(): void {
  (globalThis as Marked)[FRONT_DOOR] = true;
}

/**
 * Whether requests in this process came through the front door. Under a bare `next start` the
 * header above is whatever the client wrote, so it must not be read at all.
 */
export function frontDoorActive(): boolean {
  return (globalThis as Marked)[FRONT_DOOR] === true;
}

/** An IP address without port, brackets or IPv4-mapped prefix, or undefined when it is none. */
export function normalizeAddress(value: string | undefined): string | undefined {
  let address = value?.trim();
  if (!address) return undefined;
  address = address.match(/^\[([^\]]+)\](?::\d+)?$/)?.[1] ?? address.match(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/)?.[1] ?? address;
  const mapped = address.match(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i)?.[1];
  if (mapped) address = mapped;
  return isIP(address) ? address.toLowerCase() : undefined;
}

/**
 * The client's address. With no trusted proxy it is the socket's peer. Each trusted proxy appends
 * the address it received the request from to X-Forwarded-For, so with `trustedHops` proxies in
 * front the client is the hop that many from the right; everything left of it was written by the
 * client and is ignored. A request that passed fewer proxies than configured yields its leftmost hop.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustedHops: number): string | undefined {
  const peer = normalizeAddress(socketAddress);
  if (trustedHops === 0 || !forwardedFor) return peer;
  const hops = forwardedFor.split(",");
  const chosen = hops[Math.max(0, hops.length - trustedHops)];
  return normalizeAddress(chosen) ?? peer;
}
