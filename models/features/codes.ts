import { fnv1a32 } from "@/models/util";

/**
 * A category's integer code: FNV-1a of its name cut to 24 bits, so it is exact in float32 and the
 * same in every panel (a model trained on one export still reads the codes of the next one).
 */
export function stableCode(text: string): number {
  return fnv1a32(text) & 0xffffff;
}
