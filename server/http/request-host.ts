import { frontDoorActive } from "./client-address";

/**
 * Request header that carries the host the browser asked for. The front door sets it on every
 * request (overwriting whatever the client sent), from the Host header or, behind trusted proxies,
 * from X-Forwarded-Host, so the app reads a host the same way it reads the client address.
 */
export const REQUEST_HOST_HEADER = "x-foresight-host";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A Host header's name: lower-case, without port or trailing dot; undefined when it is not a DNS
 * name or IP address (so nothing odd ever reaches a database lookup).
 */
export function normalizeHost(value: string | undefined): string | undefined {
  let host = value?.trim().toLowerCase();
  if (!host) return undefined;
  if (host.startsWith("[")) {
    const v6 = host.match(/^\[([0-9a-f:.]+)\](?::\d{1,5})?$/)?.[1];
    return v6 ? `[${v6}]` : undefined;
  }
  host = host.replace(/:\d{1,5}$/, "").replace(/\.$/, "");
  if (host.length === 0 || host.length > 253) return undefined;
  return host.split(".").every((label) => LABEL.test(label)) ? host : undefined;
}

/**
 * The host the browser asked for. With no trusted proxy it is the Host header: X-Forwarded-Host is
 * the client's to write. Behind TRUSTED_PROXY_HOPS proxies (the same setting that decides whether
 * X-Forwarded-For is believed) it is X-Forwarded-Host's last value, the one the proxy nearest the
 * app wrote; configure the edge proxy to set it to the browser's Host.
 */
export function resolveRequestHost(hostHeader: string | undefined, forwardedHost: string | undefined, trustedHops: number): string | undefined {
  if (trustedHops > 0 && forwardedHost) {
    const forwarded = normalizeHost(forwardedHost.split(",").at(-1));
    if (forwarded) return forwarded;
  }
  return normalizeHost(hostHeader);
}

/**
 * The request's host for tenant resolution, from a route handler, server component or action:
 * what the front door resolved, or (under a bare `next start`, without the front door) the Host
 * header itself, never a forwarded one.
 */
export function requestHost(headers: Headers): string | undefined {
  return frontDoorActive() ? normalizeHost(headers.get(REQUEST_HOST_HEADER) ?? undefined) : normalizeHost(headers.get("host") ?? undefined);
}
