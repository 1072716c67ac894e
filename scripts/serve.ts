/**
 * The HTTP server of `npm start` (and `npm run dev -- --dev`): Next.js with every request passed
 * through the front door first (server/http/front-door.ts), which is the only place that sees the
 * socket: the client address, the CSP nonce and the security headers start there.
 */
import { createServer } from "node:http";
import next from "next";
import { env } from "@/server/env";
import { markFrontDoorActive } from "@/server/http/client-address";
import { frontDoor } from "@/server/http/front-door";

async function main() {
  const dev = process.argv.includes("--dev");
  // Before Next.js loads the app: route handlers trust the client-address header only in a process marked so.
  markFrontDoorActive();
  const app = next({ dev, port: env.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  const options = { trustedProxyHops: env.TRUSTED_PROXY_HOPS, dev };
  const server = createServer((req, res) => {
    if (frontDoor(req, res, options)) void handle(req, res);
  });
  server.listen(env.PORT, () => {
    console.log(`✓ Ready on http://localhost:${env.PORT}${env.TRUSTED_PROXY_HOPS ? ` (trusting ${env.TRUSTED_PROXY_HOPS} proxy hop(s) of X-Forwarded-For)` : ""}`);
  });
  // Exit through process.exit so exit handlers (the embedded database's directory lock) run.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
