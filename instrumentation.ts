/** Next.js calls this once per server process: on the embedded database the web process runs the job queue's worker. */
export async function register() {
  // eslint-disable-next-line no-restricted-syntax -- NEXT_RUNTIME is set by Next.js for each bundle, not configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDatabase }, { ensureInProcessWorker }] = await Promise.all([import("@/server/db"), import("@/server/jobs/in-process")]);
  ensureInProcessWorker(await getDatabase());
}
