import { describe, expect, it } from "vitest";
import { fnv1a32, mulberry32, sha256Hex } from "./index";

describe("shared PRNG and hashes", () => {
  it("FNV-1a matches the published 32-bit test vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
    expect(fnv1a32("foobar", 7)).not.toBe(fnv1a32("foobar"));
  });

  it("sha256Hex matches the FIPS 180-2 vector for bytes and text alike", () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(sha256Hex("abc")).toBe(abc);
    expect(sha256Hex(new TextEncoder().encode("abc"))).toBe(abc);
  });

  it("mulberry32 repeats for a seed, differs across seeds and is uniform on [0, 1)", () => {
    const draw = (seed: number, n: number) => Array.from({ length: n }, mulberry32(seed));
    expect(draw(42, 5)).toEqual(draw(42, 5));
    expect(draw(42, 5)).not.toEqual(draw(43, 5));
    const values = draw(1, 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
  });
});
