import { prepareDatabase } from "./prepare-database";

prepareDatabase({ seedDemo: false }).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
