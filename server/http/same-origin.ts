import { AppError } from "@/server/errors/app-error";
import { env } from "@/server/env";

/**
 * CSRF guard for state-changing requests that carry the session cookie. Browsers send `Origin`
 * on every cross-origin POST (and on same-origin ones too), so a page on another site posting
 * with the victim's cookie is recognised by it; scripts that send no Origin are not browsers and
 * cannot ride anyone's cookie. `required` also refuses requests without Origin (browser-only endpoints).
 * The public host of AUTH_URL counts as this site too (a proxy may rewrite Host).
 */
export function assertSameOrigin(request: Request, options: { required?: boolean } = {}): void {
  const origin = request.headers.get("origin");
  if (!origin) {
    if (options.required) throw new AppError("forbidden:cross_site", "This must come from this site's own pages.");
    return;
  }
  const allowed = new Set([request.headers.get("host"), env.AUTH_URL ? new URL(env.AUTH_URL).host : null].filter(Boolean));
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  if (!host || !allowed.has(host)) throw new AppError("forbidden:cross_site", "Requests that change data must come from this site's own pages.");
}
