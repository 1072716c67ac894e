import { describe, expect, it } from "vitest";
import { brandAssets } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { serveBrandImage } from "@/server/rest/brand-image-serve";
import { brandImageUploadHandler } from "@/server/rest/logo-upload";
import { FAVICON_MAX_BYTES } from "@/server/services/branding/brand-image";
import { uploadedBrandImage } from "@/server/services/branding/logo";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { tenantFaviconUrl } from "@/server/tenants/brand-urls";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";
import { tinyPng } from "../helpers/tiny-png";

/** A real ICO file holding one 1×1 PNG image (the ICO directory, then the PNG). */
function tinyIco(): Uint8Array {
  const png = Buffer.from(tinyPng([0, 128, 255]));
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(1, 6);
  header.writeUInt8(1, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return new Uint8Array(Buffer.concat([header, png]));
}

describe.each(testDrivers())("favicon upload on %s", (driver) => {
  const db = fixtureDatabase(driver);
  let userId: string | null = null;
  const handler = brandImageUploadHandler("favicon", { getDatabase: async () => db.database, getUserId: async () => userId });

  const post = async (file: { bytes: Uint8Array | string; name: string; type: string }) => {
    const form = new FormData();
    form.set("favicon", new File([file.bytes as BlobPart], file.name, { type: file.type }));
    const response = await handler(new Request("http://app.test/api/tenant-favicon/t-a", { method: "POST", body: form, headers: { origin: "http://app.test", host: "app.test" } }), db.a.slug);
    return { status: response.status, body: (await response.json()) as { data?: { removed: string[]; contentType: string }; error?: { code: string; message: string } } };
  };
  const stored = () => withTenant(db.database, db.a.id, (tx) => uploadedBrandImage(tx, "favicon"));
  const branding = async () => (await withTenant(db.database, db.a.id, (tx) => getTenant(tx, db.a.id))).branding;

  it("pages link the default icon until a favicon is uploaded", async () => {
    expect(tenantFaviconUrl(db.a.slug, await branding())).toBe("/icon.svg");
    expect(await stored()).toBeNull();
  });

  it("an ICO (labelled either way) is stored as it is and becomes the tenant's favicon; the logo stays", async () => {
    userId = db.a.users.admin.id;
    const logoBefore = await withTenant(db.database, db.a.id, (tx) => uploadedBrandImage(tx, "logo"));
    const res = await post({ bytes: tinyIco(), name: "favicon.ico", type: "image/vnd.microsoft.icon" });
    expect(res.status).toBe(200);
    expect(res.body.data?.contentType).toBe("image/x-icon");
    expect(Buffer.from((await stored())!.bytes).equals(Buffer.from(tinyIco()))).toBe(true);
    const { faviconVersion } = await branding();
    expect(faviconVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(tenantFaviconUrl(db.a.slug, await branding())).toBe(`/api/tenant-favicon/${db.a.slug}?v=${faviconVersion}`);
    expect(await withTenant(db.database, db.a.id, (tx) => uploadedBrandImage(tx, "logo"))).toEqual(logoBefore);
    const served = await serveBrandImage("favicon", new Request("http://app.test/api/tenant-favicon/t-a", { headers: { host: "app.test" } }), db.a.slug, { database: db.database, userId });
    expect(served.headers.get("content-type")).toBe("image/x-icon");
    expect(served.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("a PNG and a sanitised SVG are accepted", async () => {
    userId = db.a.users.admin.id;
    expect((await post({ bytes: tinyPng(), name: "icon.png", type: "image/png" })).status).toBe(200);
    const svg = await post({ bytes: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" onload="alert(1)"><script>alert(2)</script><circle cx="8" cy="8" r="8" fill="#0a7"/></svg>', name: "icon.svg", type: "image/svg+xml" });
    expect(svg.status).toBe(200);
    expect(svg.body.data?.removed).toEqual(expect.arrayContaining(["<script> element", "onload attribute"]));
    const text = new TextDecoder().decode((await stored())!.bytes);
    expect(text).toContain("<circle");
    expect(text).not.toMatch(/script|onload/);
  });

  it("an oversized, mislabelled or foreign file is refused with a message, and the stored favicon stays", async () => {
    userId = db.a.users.admin.id;
    const before = await stored();
    const big = new Uint8Array(FAVICON_MAX_BYTES + 1);
    big.set(tinyPng());
    const oversized = await post({ bytes: big, name: "big.png", type: "image/png" });
    expect(oversized.status).toBe(413);
    expect(oversized.body.error).toMatchObject({ code: "payload_too_large:favicon", message: expect.stringContaining("at most 100 KB") });
    const mislabelled = await post({ bytes: tinyIco(), name: "icon.png", type: "image/png" });
    expect(mislabelled.body.error).toMatchObject({ code: "bad_request:favicon_mislabelled", message: expect.stringContaining("its content is an ICO") });
    const gif = await post({ bytes: "GIF89a....", name: "anim.gif", type: "image/gif" });
    expect(gif.status).toBe(400);
    expect(gif.body.error).toMatchObject({ code: "bad_request:favicon_type", message: expect.stringContaining("neither a PNG nor an SVG nor an ICO") });
    const empty = await post({ bytes: "", name: "x.ico", type: "image/x-icon" });
    expect(empty.body.error?.code).toBe("bad_request:favicon_empty");
    expect(Buffer.from((await stored())!.bytes).equals(Buffer.from(before!.bytes))).toBe(true);
    expect(await withTenant(db.database, db.a.id, (tx) => tx.select({ kind: brandAssets.kind }).from(brandAssets))).toHaveLength(2);
  });

  it("an ICO is not a logo", async () => {
    userId = db.a.users.admin.id;
    const logo = brandImageUploadHandler("logo", { getDatabase: async () => db.database, getUserId: async () => userId });
    const form = new FormData();
    form.set("logo", new File([tinyIco() as BlobPart], "logo.ico", { type: "image/x-icon" }));
    const response = await logo(new Request("http://app.test/api/tenant-logo/t-a", { method: "POST", body: form, headers: { origin: "http://app.test", host: "app.test" } }), db.a.slug);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request:logo_type");
  });

  it("only admins upload", async () => {
    userId = db.a.users.analyst.id;
    const res = await post({ bytes: tinyPng(), name: "icon.png", type: "image/png" });
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toContain("Changing the favicon needs the admin role");
  });
});
