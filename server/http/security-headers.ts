/**
 * Headers every response carries. The CSP allows only this origin's scripts plus the inline ones
 * Next.js marks with the request's nonce ('strict-dynamic' lets those load their chunks); styles
 * from this origin or with the nonce. Style attributes stay allowed (`style-src-attr`): the tenant
 * layout sets the brand colours as CSS variables in one, recharts sizes its charts with them, and
 * a style attribute cannot run code.
 */
export function contentSecurityPolicy({ nonce, https, dev }: { nonce: string; https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build reconstructs server error stacks with eval; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // The development overlay injects style elements without the nonce (Next.js's CSP guide does the same).
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on plain http it would send the page's own requests to an https port that is not there.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The other security headers; HSTS only when the browser reached us over https (it ignores it over http). */
export function securityHeaders({ https }: { https: boolean }): [string, string][] {
  return [
    ["x-frame-options", "DENY"],
    ["x-content-type-options", "nosniff"],
    ["referrer-policy", "strict-origin-when-cross-origin"],
    ["permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    ["cross-origin-opener-policy", "same-origin"],
    ...(https ? [["strict-transport-security", "max-age=31536000; includeSubDomains"] as [string, string]] : []),
  ];
}
