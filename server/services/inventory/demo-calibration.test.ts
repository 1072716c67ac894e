import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_CALIBRATION } from "./demo-calibration";

describe("demo tenants' lead-time calibration", () => {
  it.each(Object.keys(DEMO_CALIBRATION))("%s seeds the values its quoted bench run fitted", (slug) => {
    const run = JSON.parse(readFileSync(path.join("bench", "results", `lead-time-calibration-${slug}.json`), "utf8")) as { fitted: unknown };
    expect(DEMO_CALIBRATION[slug]).toEqual(run.fitted);
  });
});
