import "server-only";

/**
 * Seeded pseudo-random numbers. Each concern (an item's prices, a series' demand…) draws from its
 * own stream derived from the tenant seed and a label, so changing the scale or one part of the
 * generator does not reshuffle everything else.
 */

/** 32-bit FNV-1a over the label, mixed with the seed. */
function hashLabel(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** splitmix32 finaliser: spreads nearby hashes into unrelated generator states. */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** mulberry32: tiny, fast and good enough for simulation (not for secrets). */
export class Rng {
  private state: number;

  constructor(seed: number, ...labels: (string | number)[]) {
    this.state = mix(hashLabel(seed | 0, labels.join("/")));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
