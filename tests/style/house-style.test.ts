import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Source files under `dir` (relative to the repo root), tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

describe("house style (STYLE.md)", () => {
  it("every module in server/services starts with import \"server-only\"", () => {
    const missing = sources("server/services").filter((file) => !readFileSync(file, "utf8").startsWith('import "server-only";'));
    expect(missing).toEqual([]);
  });

  it("every table in drizzle/schema exports its $inferSelect and $inferInsert types", () => {
    const gaps: string[] = [];
    for (const file of sources("drizzle/schema")) {
      const text = readFileSync(file, "utf8");
      for (const [, table] of text.matchAll(/export const (\w+) = pgTable\(/g)) {
        for (const infer of ["$inferSelect", "$inferInsert"]) {
          if (!new RegExp(`export type \\w+ = typeof ${table}\\.\\${infer};`).test(text)) gaps.push(`${table}.${infer}`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });

  it("code outside drizzle/schema uses those exported row types, not inline typeof table.$infer…", () => {
    const inline = ["server", "app", "scripts", "agents", "models"]
      .filter((dir) => existsSync(dir))
      .flatMap(sources)
      .filter((file) => /typeof \w+\.\$infer(Select|Insert)/.test(readFileSync(file, "utf8")));
    expect(inline).toEqual([]);
  });

  it("one seeded PRNG and one hash helper: no copy of mulberry32, FNV-1a or createHash outside models/util", () => {
    const copies = ["server", "app", "scripts", "agents", "models", "bench", "tests"]
      .filter((dir) => existsSync(dir))
      .flatMap(sources)
      .filter((file) => !file.startsWith(path.join("models", "util")))
      .filter((file) => /0x6d2b79f5|0x811c9dc5|0x01000193|\bcreateHash\(/i.test(readFileSync(file, "utf8")));
    expect(copies).toEqual([]);
  });
});
