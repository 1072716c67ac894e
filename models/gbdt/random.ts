/** Sorted sample of `k` distinct indices out of `n` (Floyd's algorithm; sorted keeps memory access sequential). */
export function sampleIndices(n: number, k: number, random: () => number): Uint32Array {
  if (k >= n) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Uint32Array.from(chosen).sort();
}
