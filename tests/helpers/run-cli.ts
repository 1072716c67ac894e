import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs `scripts/cli.ts` as its own process, as `npm run cli` does, with `env` laid over this
 * process' environment (a key set to undefined is removed). Resolves with the exit code rather
 * than throwing, so tests can assert on failures too.
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}, timeout = 240_000): Promise<CliResult> {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], { env: merged, cwd: process.cwd(), timeout });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? String(error) };
  }
}
