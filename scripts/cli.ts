/**
 * `npm run cli -- <command>`: the Foresight command line. Each command group lives in its own
 * module under scripts/cli/ and registers itself here.
 */
import { Command } from "commander";
import { ZodError, z } from "zod";
import { CsvError } from "@/models/data";
import { DataDirLockedError } from "@/server/db/dir-lock";
import { AppError } from "@/server/errors/app-error";
import { registerApiKeyCommands } from "./cli/apikey";
import { registerAskCommand } from "./cli/ask";
import { registerBacktestCommand } from "./cli/backtest";
import { registerDomainCommands } from "./cli/domains";
import { registerTenantAdminCommands } from "./cli/tenant-admin";
import { registerTrainCommand } from "./cli/train";

const program = new Command()
  .name("cli")
  .description("Foresight from the shell. Uses DATABASE_URL, or the embedded database in DATA_DIR.")
  .option("--json", "print machine-readable JSON instead of text")
  .showHelpAfterError();

registerApiKeyCommands(program);
registerAskCommand(program);
registerBacktestCommand(program);
registerDomainCommands(program);
registerTrainCommand(program);
registerTenantAdminCommands(program);

/** Every runnable command with its full name, so the top-level help shows them all, not just the groups. */
function leafCommands(command: Command, prefix: string): string[] {
  return command.commands
    .filter((c) => c.name() !== "help")
    .flatMap((c) => (c.commands.length ? leafCommands(c, `${prefix}${c.name()} `) : [`  ${`${prefix}${c.name()}`.padEnd(16)}${c.description()}`]));
}
program.addHelpText("after", () => `\nAll commands (add --help to any for its options):\n${leafCommands(program, "").join("\n")}\n`);

/** Expected failures get their message only; anything else is a bug and keeps its stack. */
function describeFailure(error: unknown): { code: string; message: string; expected: boolean } {
  if (error instanceof AppError) return { code: error.code, message: error.message, expected: true };
  if (error instanceof CsvError) return { code: "bad_request:csv", message: error.message, expected: true };
  if (error instanceof DataDirLockedError) return { code: "conflict:data_dir_locked", message: error.message, expected: true };
  if (error instanceof ZodError) return { code: "bad_request:validation", message: z.prettifyError(error), expected: true };
  if (error instanceof Error && error.message.startsWith("Invalid environment")) return { code: "bad_request:env", message: error.message, expected: true };
  return { code: "internal", message: error instanceof Error ? error.message : String(error), expected: false };
}

program.parseAsync().catch((error: unknown) => {
  const failure = describeFailure(error);
  if (program.opts<{ json?: boolean }>().json) {
    console.error(JSON.stringify({ error: { code: failure.code, message: failure.message } }));
  } else {
    console.error(failure.expected ? `Error: ${failure.message}` : error);
  }
  process.exitCode = 1;
});
