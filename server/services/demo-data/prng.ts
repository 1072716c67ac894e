import "server-only";
import { fnv1a32, mulberry32 } from "@/models/util";

/**
 * Seeded pseudo-random numbers. Each concern (an item's prices, a series' demand…) draws from its
 * own stream derived from the tenant seed and a label, so changing the scale or one part of the
 * generator does not reshuffle everything else.
 */

/** splitmix32 finaliser: spreads nearby hashes into unrelated generator states. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** The shared mulberry32 stream, seeded by FNV-1a of the labels under the tenant seed. */
export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number, ...labels: (string | number)[]) {
    this.next = mulberry32(mix(fnv1a32(labels.join("/"), seed | 0)));
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor((max - min + 1) * this.next());
  }

  /** Uniform on the log scale: right for sizes, prices and demand levels that span magnitudes. */
  logUniform(min: number, max: number): number {
    return Math.exp(this.uniform(Math.log(min), Math.log(max)));
  }

  pick<T>(values: readonly T[]): T {
    const value = values[Math.floor(this.next() * values.length)];
    if (value === undefined) throw new Error("pick from an empty list");
    return value;
  }

  /** `count` distinct indices of [0, n), in random order. */
  sample(n: number, count: number): number[] {
    const indices = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < Math.min(count, n); i++) {
      const j = i + Math.floor(this.next() * (n - i));
      const swap = indices[j] as number;
      indices[j] = indices[i] as number;
      indices[i] = swap;
    }
    return indices.slice(0, Math.min(count, n));
  }
}
