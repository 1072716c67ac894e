/**
 * `npm start`: build if the sources changed since the last build, migrate, seed the demo tenants
 * into an empty database (demo mode), then serve through scripts/serve.ts (Next.js behind the
 * front door that reads the socket address and sets the security headers).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { AppConnectionRoleError, NoOwnerConnectionError } from "@/server/db/connection-role";
import { DataDirLockedError } from "@/server/db/dir-lock";

// Next's CLI (for the build) and the server run by this same Node, not through npx: npx (npm exec)
// does not pass SIGTERM on, so stopping `npm start` with `kill` used to leave the server running,
// holding the port and the embedded database's lock.
const NEXT_BIN = createRequire(import.meta.url).resolve("next/dist/bin/next");
const SERVE = ["--import", "tsx", path.join("scripts", "serve.ts")];

const SOURCE_DIRS = ["app", "server", "drizzle", "models", "agents", "public"];
const SOURCE_FILES = ["next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...[...SOURCE_DIRS, ...SOURCE_FILES].map(newestMtime));
  if (builtAt > changed) return;
  console.log(builtAt ? "Sources changed since the last build; rebuilding…" : "No build yet; building (about a minute)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  // Loaded here so an invalid environment is reported by the catch below, not as a load crash.
  const { demoMode, env } = await import("@/server/env");
  const { prepareDatabase } = await import("./prepare-database");
  buildIfNeeded();
  const why = env.DEMO_MODE === undefined ? `the default ${env.DATABASE_URL ? "with DATABASE_URL" : "on the embedded database"}` : `DEMO_MODE=${env.DEMO_MODE}`;
  console.log(
    demoMode
      ? `Demo mode on (${why}): an empty database gets the demo tenants, whose logins share the published password demo1234.`
      : `Demo mode off (${why}): no demo tenants or logins are seeded.`,
  );
  const seeded = await prepareDatabase({ seedDemo: demoMode });
  const port = String(env.PORT);
  const server = spawn(process.execPath, SERVE, { stdio: ["inherit", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
  server.stdout.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (chunk.toString().includes("Ready")) printBanner(port, seeded.demoLogins);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function printBanner(port: string, logins: string[]) {
  console.log(`\nForesight is running at http://localhost:${port}`);
  if (logins.length) {
    console.log("Demo logins (password demo1234):");
    for (const login of logins) console.log(`  ${login}`);
  }
  console.log("");
}

main().catch((error: unknown) => {
  // Configuration and lock problems are the user's to fix: say what, without a stack trace.
  const expected =
    error instanceof DataDirLockedError ||
    error instanceof AppConnectionRoleError ||
    error instanceof NoOwnerConnectionError ||
    (error instanceof Error && error.message.startsWith("Invalid environment"));
  console.error(expected && error instanceof Error ? error.message : error);
  process.exit(1);
});
