import { prepareDatabase } from "./prepare-database";

// Data only: `npm start` installs the demo models, and `cli train --save-demo` needs tenants without one.
prepareDatabase({ seedDemo: true, installDemoModels: false })
  .then(({ demoLogins }) => console.log(`Demo logins (password demo1234):\n  ${demoLogins.join("\n  ")}`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
