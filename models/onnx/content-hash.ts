import { createHash } from "node:crypto";

/** sha256 of the artifact bytes, hex: names the artifact and keys the session cache. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
