import type { ThrottleScope } from "@/server/services/auth/login-throttle";

const SCOPES: readonly ThrottleScope[] = ["account_address", "address", "account"];

/**
 * Auth.js passes only a code string from `authorize()` to the sign-in action, and into the
 * `/sign-in?code=` URL it redirects scripts to: `throttled.<scope>.<seconds>`.
 */
export function throttleCode(scope: ThrottleScope, retryAfterSeconds: number): string {
  return `throttled.${scope}.${retryAfterSeconds}`;
}

function inWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The message people see for a throttle code, naming what is throttled; null for other codes. */
export function throttleMessage(code: string | null | undefined): string | null {
  const match = code?.match(/^throttled\.([a-z_]+)\.(\d{1,6})$/);
  const scope = SCOPES.find((s) => s === match?.[1]);
  if (!match || !scope) return null;
  const wait = inWords(Number(match[2]));
  switch (scope) {
    case "account_address":
      return `Too many failed sign-ins to this account from your address. Try again in ${wait}.`;
    case "address":
      return `Too many failed sign-ins from your address, across accounts. Try again in ${wait}.`;
    case "account":
      return `This account is locked for ${wait} after many failed sign-ins from several addresses.`;
  }
}

/** `authorize()`'s code when the account is not a member of the custom domain's tenant it signs in on. */
export const NOT_MEMBER_CODE = "not_member";

/** The message for any code `authorize()` refuses with (throttled, not a member); null for others. */
export function signInRefusalMessage(code: string | null | undefined): string | null {
  if (code === NOT_MEMBER_CODE) return "Your account is not a member of this workspace, so it cannot sign in on its address. Sign in at your own workspace's address instead.";
  return throttleMessage(code);
}
