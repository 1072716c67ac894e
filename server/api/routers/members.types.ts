import { z } from "zod";
import { ROLES } from "@/drizzle/schema";

/** Output shapes of the member procedures the admin page reads. */

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  since: z.date(),
});

export const pendingInvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.date(),
  createdAt: z.date(),
});

export const createdInvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.date(),
  token: z.string().describe("The one-time token of the /invite/<token> link; only its hash is stored"),
  url: z.string().describe("The whole invitation link, on the address the admin used"),
  /** Whether the invitation went out by e-mail: off without SMTP_URL, or the SMTP server's refusal. */
  delivery: z.discriminatedUnion("status", [
    z.object({ status: z.literal("off") }),
    z.object({ status: z.literal("sent") }),
    z.object({ status: z.literal("failed"), message: z.string() }),
  ]),
});
