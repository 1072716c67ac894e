import http from "node:http";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One HTTP request with what Playwright's request fixture cannot do: a chosen source address on
 * the loopback range (127.0.0.x plays a distinct client, so probes never touch the counters of
 * 127.0.0.1, which every other spec uses), a chunked body without Content-Length, no redirects.
 */
export function rawRequest(
  baseURL: string,
  options: { path: string; method?: string; headers?: http.OutgoingHttpHeaders; body?: string | Buffer; chunked?: boolean; from?: string },
): Promise<RawResponse> {
  const url = new URL(options.path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: url.port, path: `${url.pathname}${url.search}`, method: options.method ?? "GET", headers: options.headers, localAddress: options.from },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    if (options.chunked) {
      req.setHeader("transfer-encoding", "chunked");
      const body = Buffer.from(options.body ?? "");
      // Written in pieces so the body really arrives chunked, as a streaming client sends it.
      for (let i = 0; i < body.length; i += 256 * 1024) req.write(body.subarray(i, i + 256 * 1024));
      req.end();
    } else req.end(options.body);
  });
}

/** `name=value` pairs of a response's Set-Cookie headers, for the next request's Cookie header. */
export function cookiesOf(response: RawResponse, previous = ""): string {
  const jar = new Map(previous ? previous.split("; ").map((c) => c.split("=", 2) as [string, string]) : []);
  for (const line of response.headers["set-cookie"] ?? []) {
    const [pair] = line.split(";");
    const [name, value] = (pair ?? "").split("=", 2);
    if (name) jar.set(name, value ?? "");
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}
