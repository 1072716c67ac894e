import { CLIENT_ADDRESS_HEADER, frontDoorActive, normalizeAddress } from "@/server/http/client-address";

/**
 * The client's address for throttling, sessions and the audit log: what the front door resolved
 * from the socket (and TRUSTED_PROXY_HOPS). Undefined when the app runs without its front door
 * (a bare `next start`), because then every request header is the client's to write.
 */
export function clientIp(headers: Headers): string | undefined {
  return frontDoorActive() ? normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER) ?? undefined) : undefined;
}
