import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/server/env";

export type OutgoingMail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Images the HTML shows by `cid:` (e-mail clients block remote images and most ignore SVG). */
  inline?: { cid: string; filename: string; contentType: string; content: Buffer }[];
};

export type Mailer = { send: (mail: OutgoingMail) => Promise<void> };

/** A mailer over an smtp:// or smtps:// URL (user and password in the URL), or null without one. */
export function createMailer(smtpUrl: string | undefined, from?: string): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  const sender = from ?? `Foresight <no-reply@${new URL(smtpUrl).hostname}>`;
  return {
    send: async (mail) => {
      await transport.sendMail({
        from: sender,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        attachments: mail.inline?.map((a) => ({ ...a, contentDisposition: "inline" as const })),
      });
    },
  };
}

let fromEnv: Mailer | null | undefined;
/** The process's mailer from SMTP_URL and MAIL_FROM; null when e-mail is off. */
export function mailerFromEnv(): Mailer | null {
  fromEnv ??= createMailer(env.SMTP_URL, env.MAIL_FROM);
  return fromEnv;
}
