import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// A fresh embedded database per run, so the suite never depends on what an earlier run left.
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `foresight-e2e-${process.pid}-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
    screenshot: "only-on-failure",
    trace: "off",
  },
  webServer: {
    command: "npm start",
    url: `http://localhost:${port}/sign-in`,
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // The e2e server always runs on its own embedded database, whatever DATABASE_URL the shell has.
    env: { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: "", MIGRATION_DATABASE_URL: "", DEMO_MODE: "true", AUTH_URL: `http://localhost:${port}`, CUSTOM_DOMAINS_SKIP_DNS: "true" },
  },
});
