import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant-context";
import { uploadLogo } from "@/server/services/branding/logo";
import { renderInvitationEmail } from "@/server/services/email/invitation-email";
import { createMailer } from "@/server/services/email/mailer";
import { updateBranding } from "@/server/services/tenant/update-branding";
import { contrastRatio } from "@/server/tenants/brand-colors";
import { fixtureDatabase } from "../helpers/fixture-database";
import { startSmtpSink } from "../helpers/smtp-sink";
import { testDrivers } from "../helpers/test-database";
import { tinyPng } from "../helpers/tiny-png";
import { callerFor } from "../helpers/trpc-caller";

/** The decoded text of one MIME part of a received message (quoted-printable undone). */
function mimePart(data: string, contentType: string): string {
  const start = data.indexOf(`Content-Type: ${contentType}`);
  if (start < 0) return "";
  const rest = data.slice(start);
  const body = rest.slice(rest.indexOf("\r\n\r\n") + 4);
  const part = body.slice(0, body.search(/\r\n--/));
  const qp = /Content-Transfer-Encoding: quoted-printable/i.test(rest.slice(0, rest.indexOf("\r\n\r\n")));
  return qp ? part.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))) : part;
}

describe.each(testDrivers())("invitation e-mail on %s", (driver) => {
  const db = fixtureDatabase(driver);
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());

  it("goes through SMTP with the link, the tenant's name, colours and logo, and a plain-text part", async () => {
    const actor = { tenantId: db.a.id, userId: db.a.users.admin.id, role: "admin" as const };
    await withTenant(db.database, db.a.id, async (tx) => {
      await updateBranding(tx, actor, { displayName: "Acme & Sons", primaryColor: "#0a7d4f", accentColor: "#123456" });
      await uploadLogo(tx, actor, { name: "mark.png", type: "image/png", bytes: tinyPng([10, 125, 79]) });
    });
    const caller = callerFor(db.database, db.a.users.admin.id, db.a.slug, { mailer: createMailer(sink.url, "invites@acme.test")! });
    const created = await caller.members.invite({ email: "newcomer@example.test", role: "analyst" });
    expect(created.delivery).toEqual({ status: "sent" });
    expect(created.url).toBe(`http://localhost:3000/invite/${created.token}`);

    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.from).toBe("invites@acme.test");
    expect(mail.to).toEqual(["newcomer@example.test"]);
    expect(mail.data).toMatch(/^Subject: Join Acme & Sons on Foresight$/m);
    const text = mimePart(mail.data, "text/plain");
    const html = mimePart(mail.data, "text/html");
    expect(text).toContain(`Accept it here: ${created.url}`);
    expect(text).toContain("You will join as analyst");
    expect(html).toContain(`href="${created.url}"`);
    expect(html).toContain("Acme &#38; Sons");
    expect(html).toContain("background:#0a7d4f");
    // The logo travels inline (e-mail clients block remote images).
    expect(html).toContain('src="cid:tenant-logo"');
    expect(mail.data).toMatch(/Content-Type: image\/png; name=logo\.png/);
    expect(mail.data).toMatch(/Content-ID: <tenant-logo>/);
  });

  it("the Origin of the admin's page (their custom domain, say) names the link's address", async () => {
    const caller = callerFor(db.database, db.a.users.admin.id, db.a.slug, { origin: "https://forecasts.acme.example", mailer: createMailer(sink.url)! });
    const created = await caller.members.invite({ email: "second@example.test", role: "viewer" });
    expect(created.url).toBe(`https://forecasts.acme.example/invite/${created.token}`);
    expect(mimePart(sink.received.at(-1)!.data, "text/plain")).toContain(created.url);
  });

  it("without SMTP the link is returned and the delivery says e-mail is off", async () => {
    const caller = callerFor(db.database, db.a.users.admin.id, db.a.slug);
    expect(await caller.members.emailEnabled()).toBe(false);
    const created = await caller.members.invite({ email: "offline@example.test", role: "viewer" });
    expect(created.delivery).toEqual({ status: "off" });
    expect(created.url).toContain(created.token);
  });

  it("a refused delivery is reported, and the invitation stays", async () => {
    const refusing = await startSmtpSink({ refuseRecipients: true });
    try {
      const caller = callerFor(db.database, db.a.users.admin.id, db.a.slug, { mailer: createMailer(refusing.url)! });
      const created = await caller.members.invite({ email: "bounce@example.test", role: "viewer" });
      expect(created.delivery).toMatchObject({ status: "failed", message: expect.stringContaining("550") });
      expect((await caller.members.invitations()).map((i) => i.email)).toContain("bounce@example.test");
    } finally {
      await refusing.close();
    }
  });
});

describe("invitation e-mail colours", () => {
  const styleColor = (html: string, before: RegExp) => html.match(before)?.[1];

  it.each([["#ffeb3b"], ["#0a7d4f"], ["#777777"], ["#000000"]])("text reaches AA (4.5:1) for primary %s", (primaryColor) => {
    const mail = renderInvitationEmail({
      to: "x@example.test",
      role: "viewer",
      url: "https://forecasts.example.com/invite/abc",
      expiresAt: new Date("2026-12-10T00:00:00Z"),
      branding: { displayName: "Light", primaryColor, accentColor: "#ffff00" },
    });
    const button = mail.html.match(/background:(#[0-9a-f]{6});color:(#[0-9a-f]{6});padding:12px/);
    expect(button?.[1]).toBe(primaryColor);
    expect(contrastRatio(button![1]!, button![2]!)).toBeGreaterThanOrEqual(4.5);
    const link = styleColor(mail.html, /style="color:(#[0-9a-f]{6});word-break/);
    expect(contrastRatio(link!, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    const heading = styleColor(mail.html, /font-size:20px;color:(#[0-9a-f]{6})/);
    expect(contrastRatio(heading!, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(mail.text).toContain("https://forecasts.example.com/invite/abc");
    expect(mail.text).not.toMatch(/<[a-z]/);
  });
});
