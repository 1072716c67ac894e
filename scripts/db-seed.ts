import { prepareDatabase } from "./prepare-database";

prepareDatabase({ seedDemo: true })
  .then(({ demoLogins }) => console.log(`Demo logins (password demo1234):\n  ${demoLogins.join("\n  ")}`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
