import { createHash } from "node:crypto";
import type { Hash } from "node:crypto";

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a of a string's UTF-16 code units, unsigned. Fast and stable across processes and
 * machines: for codes and stream labels, never for anything an attacker may choose against.
 * `seed` is XORed into the offset basis, so one label gives unrelated hashes under different seeds.
 */
export function fnv1a32(text: string, seed = 0): number {
  let hash = (FNV_OFFSET_BASIS ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** sha256 as lowercase hex: content addresses of artifacts and digests of secrets and histories. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** An incremental sha256 for digests of large inputs fed piece by piece (`.update(…)`, then `.digest("hex")`). */
export function sha256Stream(): Hash {
  return createHash("sha256");
}
