import "server-only";
import { isIP } from "node:net";
import { domainToASCII } from "node:url";
import { z } from "zod";

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** Top-level names a tenant's domain cannot sit under: they never reach the public DNS. */
const RESERVED_TLDS = new Set(["localhost", "local", "internal", "invalid", "onion"]);

/**
 * Why `value` cannot be a custom domain, or null when it can: a fully qualified DNS name of at least
 * two labels (letters, digits and hyphens; Unicode names in their punycode form), without scheme,
 * port, path or wildcard, and not an IP address.
 */
export function hostnameProblem(value: string): string | null {
  const raw = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) || /[/?#@]/.test(raw)) return "Give the hostname alone, such as shop.example.com, without https://, a path or a user.";
  if (/:\d*$/.test(raw)) return "Give the hostname without a port.";
  if (raw.includes("*")) return "Wildcard domains are not supported; give one hostname.";
  const host = raw.replace(/\.$/, "");
  if (isIP(host) || /^\[.*\]$/.test(host)) return "An IP address cannot be a custom domain; give a hostname.";
  const ascii = domainToASCII(host);
  if (!ascii) return `"${raw.slice(0, 80)}" is not a valid hostname.`;
  if (ascii.length > 253) return "A hostname has at most 253 characters.";
  const labels = ascii.split(".");
  if (labels.length < 2) return "Give a fully qualified hostname with a dot, such as shop.example.com.";
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) return `"${bad.slice(0, 70) || "(empty)"}" is not a valid part of a hostname: letters, digits and hyphens, 1–63 characters, not starting or ending with a hyphen.`;
  const tld = labels.at(-1)!;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return `".${tld}" is not a top-level domain.`;
  if (RESERVED_TLDS.has(tld)) return `Names under .${tld} never resolve on the public internet.`;
  return null;
}

/** A custom domain as stored: validated, lower-case punycode, without a trailing dot. */
export const customHostnameSchema = z
  .string({ error: "hostname is required" })
  .max(300, "A hostname has at most 253 characters.")
  .superRefine((value, ctx) => {
    const problem = hostnameProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => domainToASCII(value.trim().replace(/\.$/, "")));

/** Whether a request host could be a tenant's domain at all (localhost, IPs and bare names never are). */
export const couldBeCustomDomain = (host: string): boolean => hostnameProblem(host) === null;
