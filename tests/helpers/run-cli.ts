import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export type CommandResult = { code: number; stdout: string; stderr: string };

/**
 * Runs a command from the repository root, with `env` laid over this process' environment (a key
 * set to undefined is removed). Resolves with the exit code rather than throwing, so tests can
 * assert on failures too.
 */
export async function runCommand(command: string, args: string[], env: Record<string, string | undefined> = {}, timeout = 240_000): Promise<CommandResult> {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  try {
    const { stdout, stderr } = await run(command, args, { env: merged, cwd: process.cwd(), timeout });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? String(error) };
  }
}

/** `scripts/cli.ts` as its own process, as `npm run cli` runs it. */
export const runCli = (args: string[], env: Record<string, string | undefined> = {}, timeout?: number) =>
  runCommand("npx", ["tsx", "--conditions=react-server", "scripts/cli.ts", ...args], env, timeout);

/** `npm run <script> -- <args>`, exactly as the README tells people to type it. */
export const runNpmScript = (script: string, args: string[], env: Record<string, string | undefined> = {}, timeout?: number) =>
  runCommand("npm", ["run", "--silent", script, "--", ...args], env, timeout);
