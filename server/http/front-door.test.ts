import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readLimitedText } from "./body-limit";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { frontDoor } from "./front-door";
import type { FrontDoorOptions } from "./front-door";

type Seen = { clientAddress?: string; csp?: string };

/** A real HTTP server with the front door in front of a handler that echoes what it was given. */
async function serve(options: FrontDoorOptions) {
  const server = http.createServer((req, res) => {
    if (!frontDoor(req, res, options)) return;
    // A route handler refusing a body at its limit, with the request wrapped as Next.js does
    // (a Web Request over the IncomingMessage) and read through the app's own limit.
    if (req.url === "/api/partial") {
      const request = new Request("http://localhost/api/partial", { method: "POST", body: req as unknown as BodyInit, duplex: "half" } as RequestInit);
      readLimitedText(request, 64 * 1024, "tests").catch(() => res.writeHead(413).end("too large"));
      return;
    }
    const seen: Seen = { clientAddress: req.headers[CLIENT_ADDRESS_HEADER] as string | undefined, csp: req.headers["content-security-policy"] as string | undefined };
    req.resume();
    req.on("end", () => res.end(JSON.stringify(seen)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, url: (path: string) => `http://127.0.0.1:${port}${path}`, port };
}

/** One request from `localAddress` (another loopback address plays another client). */
function request(
  port: number,
  options: { path?: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string; localAddress?: string; chunked?: boolean; agent?: http.Agent },
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: options.path ?? "/", method: options.method ?? "GET", headers: options.headers, localAddress: options.localAddress, agent: options.agent },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    if (options.chunked) {
      req.setHeader("transfer-encoding", "chunked");
      const body = options.body ?? "";
      for (let i = 0; i < body.length; i += 256 * 1024) req.write(body.slice(i, i + 256 * 1024));
      req.end();
    } else req.end(options.body);
  });
}

describe("front door", () => {
  let direct: Awaited<ReturnType<typeof serve>>;
  let proxied: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    direct = await serve({ trustedProxyHops: 0, dev: false });
    proxied = await serve({ trustedProxyHops: 1, dev: false });
  });
  afterAll(() => {
    direct.server.close();
    proxied.server.close();
  });

  it("passes the socket address on and overwrites whatever the client claims", async () => {
    const res = await request(direct.port, {
      localAddress: "127.0.0.9",
      headers: { "x-forwarded-for": "6.6.6.6", [CLIENT_ADDRESS_HEADER]: "7.7.7.7" },
    });
    expect(JSON.parse(res.body)).toMatchObject({ clientAddress: "127.0.0.9" });
  });

  it("behind one trusted proxy, takes the hop the proxy appended", async () => {
    const res = await request(proxied.port, { localAddress: "127.0.0.10", headers: { "x-forwarded-for": "6.6.6.6, 198.51.100.4" } });
    expect(JSON.parse(res.body)).toMatchObject({ clientAddress: "198.51.100.4" });
  });

  it("gives each request its own CSP nonce, in the request for Next.js and in the response", async () => {
    const [a, b] = await Promise.all([request(direct.port, {}), request(direct.port, {})]);
    const nonceOf = (csp: string | undefined) => csp?.match(/'nonce-([^']+)'/)?.[1];
    const seen = JSON.parse(a!.body) as Seen;
    expect(nonceOf(seen.csp)).toBeTruthy();
    expect(a!.headers["content-security-policy"]).toBe(seen.csp);
    expect(nonceOf(a!.headers["content-security-policy"] as string)).not.toBe(nonceOf(b!.headers["content-security-policy"] as string));
    expect(a!.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(a!.headers).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "strict-origin-when-cross-origin" });
    expect(a!.headers["permissions-policy"]).toContain("camera=()");
  });

  it("sends HSTS only over https, which only a trusted proxy can vouch for", async () => {
    expect((await request(direct.port, { headers: { "x-forwarded-proto": "https" } })).headers["strict-transport-security"]).toBeUndefined();
    expect((await request(proxied.port, {})).headers["strict-transport-security"]).toBeUndefined();
    const https = await request(proxied.port, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(https.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  });

  it("answers malformed percent-encoding in the path with a 400 naming it", async () => {
    for (const path of ["/t/%ff/dashboard", "/api/v1/items/%ff"]) {
      const res = await request(direct.port, { path });
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body)).toEqual({ error: { code: "bad_request:path", message: expect.stringContaining("%ff") } });
    }
    expect((await request(direct.port, { path: "/t/caf%C3%A9?q=%ff" })).status).toBe(200);
  });

  it("refuses page posts (server actions) over the form limit or without a length, leaving /api to its handlers", async () => {
    const big = "a".repeat(8 * 1024 * 1024);
    const action = { method: "POST", path: "/sign-in", headers: { "next-action": "x" } };
    const tooLarge = await request(direct.port, { ...action, body: big });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).error).toEqual({ code: "payload_too_large:form", message: "The form submission is larger than the 1 MB limit." });
    expect((await request(direct.port, { ...action, body: "small", chunked: true })).status).toBe(411);
    expect((await request(direct.port, { ...action, body: "email=a" })).status).toBe(200);
    expect((await request(direct.port, { method: "POST", path: "/api/v1/x", body: "chunked", chunked: true })).status).toBe(200);
  });

  it("discards what is left of a refused body, so the connection carries the next request", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const chunked of [false, true, false, true]) {
        const refused = await request(direct.port, { method: "POST", path: "/api/partial", body: "a".repeat(2 * 1024 * 1024), chunked, agent });
        expect(refused.status).toBe(413);
        expect((await request(direct.port, { method: "POST", path: "/api/next", body: "b".repeat(2 * 1024 * 1024), chunked, agent })).status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });
});
