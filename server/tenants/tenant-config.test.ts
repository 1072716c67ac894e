import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/server/services/demo-data/calendar";
import { loadTenantConfigs, TENANTS_DIR } from "./tenant-config";

describe("the demo tenants' tenant.json files", () => {
  it("are valid and keep the documented contract", async () => {
    const configs = await loadTenantConfigs();
    expect(configs.map((c) => c.slug)).toEqual(["acme-grocers", "northwind-fashion"]);
    const [acme, northwind] = configs;
    if (!acme || !northwind) throw new Error("missing tenant");
    expect(acme.demoUsers.map((u) => [u.email, u.role])).toEqual([
      ["owner@acme.test", "owner"],
      ["admin@acme.test", "admin"],
      ["analyst@acme.test", "analyst"],
      ["viewer@acme.test", "viewer"],
    ]);
    expect(northwind.demoUsers.map((u) => [u.email, u.role])).toEqual([["owner@northwind.test", "owner"]]);
    expect([acme.plan, acme.currency, acme.locale]).toEqual(["pro", "USD", "en-US"]);
    expect([northwind.plan, northwind.currency]).toEqual(["enterprise", "EUR"]);
    expect(acme.branding.primaryColor).not.toBe(northwind.branding.primaryColor);
    for (const config of configs) {
      // Recent history, so the dashboards look current.
      expect(addDays(config.generator.startDate, config.generator.days - 1)).toBe("2026-11-20");
    }
    // Fashion: strongly seasonal, cleared by end-of-season markdowns.
    const amplitude = (c: typeof acme) => Math.max(...c.generator.categories.map((k) => k.yearlySeasonalityAmplitude));
    expect(amplitude(northwind)).toBeGreaterThan(amplitude(acme));
    expect(northwind.generator.markdowns.events.length).toBeGreaterThan(0);
  });
});

describe("loadTenantConfigs on bad input", () => {
  let dir: string;
  let acmeJson: Record<string, unknown>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "tenant-config-"));
    acmeJson = JSON.parse(await readFile(path.join(TENANTS_DIR, "acme-grocers", "tenant.json"), "utf8"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function writeTenant(folder: string, json: unknown, logo = true) {
    await rm(path.join(dir, folder), { recursive: true, force: true });
    await mkdir(path.join(dir, folder));
    await writeFile(path.join(dir, folder, "tenant.json"), typeof json === "string" ? json : JSON.stringify(json));
    if (logo) await writeFile(path.join(dir, folder, "logo.svg"), "<svg/>");
    return path.join(dir, folder);
  }

  it("names the file and each wrong field", async () => {
    const broken = structuredClone(acmeJson) as { branding: { primaryColor: string }; generator: { categories: { elasticity: number }[] } };
    broken.branding.primaryColor = "green";
    const firstCategory = broken.generator.categories[0];
    if (firstCategory) firstCategory.elasticity = 1.5;
    const folder = await writeTenant("acme-grocers", broken);
    const error = await loadTenantConfigs(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(path.join(folder, "tenant.json").replace(`${process.cwd()}${path.sep}`, ""));
    expect(message).toContain("branding.primaryColor");
    expect(message).toContain("generator.categories.0.elasticity");
    await rm(folder, { recursive: true });
  });

  it("rejects malformed JSON, a slug that is not the folder's name, and a missing logo", async () => {
    let folder = await writeTenant("acme-grocers", "{ not json");
    await expect(loadTenantConfigs(dir)).rejects.toThrow(/tenant\.json/);
    await rm(folder, { recursive: true });

    folder = await writeTenant("other-name", acmeJson);
    await expect(loadTenantConfigs(dir)).rejects.toThrow(/slug.*other-name/);
    await rm(folder, { recursive: true });

    folder = await writeTenant("acme-grocers", acmeJson, false);
    await expect(loadTenantConfigs(dir)).rejects.toThrow(/branding\.logo/);
    await rm(folder, { recursive: true });
  });
});
