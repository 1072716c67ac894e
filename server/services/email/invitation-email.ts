import "server-only";
import type { Role, TenantBranding } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { tenantLogo } from "@/server/services/tenant/read-logo";
import { readableTextColor, textOnColor } from "@/server/tenants/brand-colors";
import type { Mailer, OutgoingMail } from "./mailer";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type InvitationMailInput = {
  to: string;
  role: Role;
  url: string;
  expiresAt: Date;
  inviter?: string | null;
  branding: Pick<TenantBranding, "displayName" | "primaryColor" | "accentColor">;
  /** A PNG logo to show inline; SVG logos are left out (most e-mail clients do not show SVG). */
  logoPng?: Uint8Array | null;
};

/**
 * The invitation e-mail in the tenant's brand: a header band and button in its primary colour
 * with black or white text (whichever reaches AA on it), the link repeated as text in the primary
 * colour darkened to 4.5:1 on white, and a plain-text alternative with the same content.
 */
export function renderInvitationEmail(input: InvitationMailInput): OutgoingMail {
  const { branding } = input;
  const name = branding.displayName;
  const until = input.expiresAt.toISOString().slice(0, 10);
  const who = input.inviter ? `${input.inviter} has invited you` : "You have been invited";
  const subject = `Join ${name} on Foresight`;
  const onPrimary = textOnColor(branding.primaryColor);
  const linkColor = readableTextColor(branding.primaryColor);
  const headingColor = readableTextColor(branding.accentColor);
  const logo = input.logoPng ? `<img src="cid:tenant-logo" alt="" width="32" height="32" style="vertical-align:middle;margin-right:8px;border-radius:4px">` : "";
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:Arial,Helvetica,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="background:${branding.primaryColor};color:${onPrimary};padding:16px 24px;font-size:18px;font-weight:bold;border-radius:8px 8px 0 0">${logo}${e(name)}</td></tr>
<tr><td style="padding:24px">
<h1 style="margin:0 0 12px;font-size:20px;color:${headingColor}">${e(who)} to ${e(name)}</h1>
<p style="margin:0 0 16px;font-size:15px;line-height:1.5">You will join as <strong>${e(input.role)}</strong>. The invitation is valid until ${until} (UTC) and can be used once.</p>
<p style="margin:0 0 24px"><a href="${e(input.url)}" style="display:inline-block;background:${branding.primaryColor};color:${onPrimary};padding:12px 20px;border-radius:6px;font-weight:bold;text-decoration:none">Accept the invitation</a></p>
<p style="margin:0;font-size:13px;line-height:1.5;color:#334155">Or open this link: <a href="${e(input.url)}" style="color:${linkColor};word-break:break-all">${e(input.url)}</a></p>
<p style="margin:16px 0 0;font-size:13px;color:#334155">If you did not expect this, ignore this e-mail: nothing happens unless the link is opened.</p>
</td></tr></table></body></html>`;
  const text = [
    `${who} to ${name} on Foresight.`,
    "",
    `You will join as ${input.role}. The invitation is valid until ${until} (UTC) and can be used once.`,
    "",
    `Accept it here: ${input.url}`,
    "",
    "If you did not expect this, ignore this e-mail: nothing happens unless the link is opened.",
  ].join("\n");
  const inline = input.logoPng ? [{ cid: "tenant-logo", filename: "logo.png", contentType: "image/png", content: Buffer.from(input.logoPng) }] : undefined;
  return { to: input.to, subject, html, text, inline };
}

export type InvitationEmailOutcome = { status: "off" } | { status: "sent" } | { status: "failed"; message: string };

/**
 * Sends an invitation in the tenant's brand. The brand is read in a short tenant transaction of
 * its own and the mail sent after it closed: an SMTP server's delay never holds a connection.
 * A delivery failure is reported, not thrown: the invitation exists and its link is shown anyway.
 */
export async function sendInvitationEmail(
  database: Database,
  mailer: Mailer | null,
  invitation: { tenantId: string; email: string; role: Role; expiresAt: Date; url: string; inviter?: string | null },
): Promise<InvitationEmailOutcome> {
  if (!mailer) return { status: "off" };
  const { branding, logo } = await withTenant(database, invitation.tenantId, async (tx) => {
    const tenant = await getTenant(tx, invitation.tenantId);
    return { branding: tenant.branding, logo: await tenantLogo(tx, tenant.slug, tenant.branding) };
  });
  const mail = renderInvitationEmail({
    to: invitation.email,
    role: invitation.role,
    url: invitation.url,
    expiresAt: invitation.expiresAt,
    inviter: invitation.inviter,
    branding,
    logoPng: logo?.contentType === "image/png" ? logo.bytes : null,
  });
  try {
    await mailer.send(mail);
    return { status: "sent" };
  } catch (error) {
    // The SMTP server's reply, not a stack: it says what to fix (address refused, auth failed).
    const message = error instanceof Error ? error.message.slice(0, 300) : String(error);
    // Only the error's code in the log: the server's reply may name the recipient.
    console.warn(`[email] invitation not delivered (${(error as { code?: string }).code ?? "error"})`);
    return { status: "failed", message };
  }
}
