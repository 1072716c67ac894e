import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { FORM_BODY_LIMIT_BYTES, formatBytes } from "./body-limit";
import { CLIENT_ADDRESS_HEADER, resolveClientAddress } from "./client-address";
import { REQUEST_HOST_HEADER, resolveRequestHost } from "./request-host";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

export type FrontDoorOptions = {
  /** TRUSTED_PROXY_HOPS: how many reverse proxies' X-Forwarded-For hops (and X-Forwarded-Proto and -Host) to trust. */
  trustedProxyHops: number;
  /** `next dev`: React's development build needs eval. */
  dev: boolean;
};

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Over TLS here, or (behind trusted proxies) the proxy says the browser used https. */
function servedOverHttps(req: IncomingMessage, trustedProxyHops: number): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  return trustedProxyHops > 0 && header(req, "x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

function malformedPath(url: string): boolean {
  try {
    decodeURIComponent(url.split("?")[0] ?? "");
    return false;
  } catch {
    return true;
  }
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): false {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: { code, message } }));
  return false;
}

/** Past this much of a refused body, the client is cut off instead of read on. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * Once the answer is out, reads and discards what is left of a body the app did not read to the
 * end (a 413 stops reading at the limit). Left on the socket, it would stall the client's next
 * request on the same keep-alive connection, which then ends in ECONNRESET; closing at once would
 * reset the connection while the client is still writing, before it read the answer.
 */
function drainLeftover(req: IncomingMessage, res: ServerResponse): void {
  res.once("finish", () => {
    if (req.complete) return;
    let discarded = 0;
    // A reader the app abandoned (the body stream's async iterator) would keep the request paused.
    req.removeAllListeners("readable");
    req.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > DRAIN_LIMIT_BYTES) req.socket.destroy();
    });
    req.resume();
  });
}

/**
 * What every request goes through before Next.js sees it (scripts/serve.ts). Returns false when it
 * has answered the request itself.
 * - The client address, resolved from the socket, replaces any `x-foresight-client-address` the
 *   client sent; the app reads only that header (server/auth/client-ip.ts).
 * - The host the browser asked for (server/http/request-host.ts) replaces any `x-foresight-host`
 *   the client sent; custom domains resolve to their tenant from it. Without trusted proxies a
 *   client's X-Forwarded-Host is dropped, so neither Next.js nor Auth.js builds URLs from it.
 * - A fresh CSP nonce: Next.js reads it from the request's `content-security-policy` header and puts
 *   it on its own inline scripts; the response carries the same policy and the other security headers.
 * - Malformed percent-encoding in the path is a 400 (Next.js answers it with a 500).
 * - Bodies sent to pages (server actions, form posts) must declare a Content-Length within the form
 *   limit: Next.js turns its own `serverActions.bodySizeLimit` refusal into a 500. `/api/` routes
 *   count their bodies themselves (server/http/body-limit.ts), chunked or not.
 * - What is left of a refused body is discarded after the answer (drainLeftover).
 */
export function frontDoor(req: IncomingMessage, res: ServerResponse, options: FrontDoorOptions): boolean {
  drainLeftover(req, res);
  const client = resolveClientAddress(req.socket.remoteAddress, header(req, "x-forwarded-for"), options.trustedProxyHops);
  if (client) req.headers[CLIENT_ADDRESS_HEADER] = client;
  else delete req.headers[CLIENT_ADDRESS_HEADER];
  const host = resolveRequestHost(header(req, "host"), header(req, "x-forwarded-host"), options.trustedProxyHops);
  if (host) req.headers[REQUEST_HOST_HEADER] = host;
  else delete req.headers[REQUEST_HOST_HEADER];
  if (options.trustedProxyHops === 0) delete req.headers["x-forwarded-host"];

  const https = servedOverHttps(req, options.trustedProxyHops);
  const policy = contentSecurityPolicy({ nonce: randomBytes(16).toString("base64"), https, dev: options.dev });
  req.headers["content-security-policy"] = policy;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("content-security-policy", policy);
  for (const [name, value] of securityHeaders({ https })) res.setHeader(name, value);

  const url = req.url ?? "/";
  if (malformedPath(url)) {
    return refuse(req, res, 400, "bad_request:path", "The path contains malformed percent-encoding (such as %ff): each % must start a valid UTF-8 escape.");
  }
  const method = req.method ?? "GET";
  if (!url.startsWith("/api/") && !["GET", "HEAD", "OPTIONS"].includes(method)) {
    const length = header(req, "content-length");
    if (length === undefined && header(req, "transfer-encoding")) {
      return refuse(req, res, 411, "length_required:form", "Form submissions must declare a Content-Length.");
    }
    if (Number(length) > FORM_BODY_LIMIT_BYTES) {
      return refuse(req, res, 413, "payload_too_large:form", `The form submission is larger than the ${formatBytes(FORM_BODY_LIMIT_BYTES)} limit.`);
    }
  }
  return true;
}
