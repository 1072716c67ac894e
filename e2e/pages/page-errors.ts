import type { Page } from "@playwright/test";

/**
 * Collects what a person would see as breakage in the browser's console: uncaught exceptions,
 * console errors and failed requests. Navigations cancelled by the next navigation (`ERR_ABORTED`,
 * e.g. link prefetches) are not failures.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`exception: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("requestfailed", (r) => {
    const reason = r.failure()?.errorText ?? "";
    if (!reason.includes("ERR_ABORTED")) errors.push(`request: ${r.method()} ${r.url()} ${reason}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 500) errors.push(`response: ${r.status()} ${r.url()}`);
  });
  return errors;
}
