import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { changeMemberRole, changeMemberRoleSchema, removeMember, removeMemberSchema } from "@/server/services/members/change-member-role";
import { inviteMember, inviteMemberSchema, revokeInvitation, revokeInvitationSchema } from "@/server/services/members/invite-member";
import { listMembers, listPendingInvitations } from "@/server/services/members/list-members";
import { env } from "@/server/env";
import { sendInvitationEmail } from "@/server/services/email/invitation-email";
import { mailerFromEnv } from "@/server/services/email/mailer";
import { createdInvitationSchema, memberSchema, pendingInvitationSchema } from "./members.types";

/**
 * The invitation link on the address the admin is using (the page's Origin: the app's own host or
 * the tenant's custom domain), else AUTH_URL, else this server on localhost.
 */
export function invitationUrl(token: string, origin: string | null): string {
  const base = origin && /^https?:\/\/[^/]+$/.test(origin) ? origin : env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://localhost:${env.PORT}`;
  return `${base}/invite/${token}`;
}

export const membersRouter = createTRPCRouter({
  list: tenantProcedure("viewer")
    .output(z.array(memberSchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listMembers(tx))),
  invitations: tenantProcedure("admin")
    .output(z.array(pendingInvitationSchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listPendingInvitations(tx))),
  invite: tenantProcedure("admin")
    .input(inviteMemberSchema)
    .output(createdInvitationSchema)
    .mutation(async ({ ctx, input }) => {
      const created = await ctx.withTenant((tx) => inviteMember(tx, ctx.actor, input));
      const url = invitationUrl(created.token, ctx.headers.get("origin"));
      // After the transaction committed: a slow or failing SMTP server never undoes the invitation.
      const delivery = await sendInvitationEmail(ctx.database, ctx.mailer ?? mailerFromEnv(), {
        tenantId: ctx.tenant.id,
        email: created.email,
        role: created.role,
        expiresAt: created.expiresAt,
        url,
        inviter: ctx.user.name ?? ctx.user.email,
      });
      return { ...created, url, delivery };
    }),
  /** Whether invitations go out by e-mail (SMTP_URL set) or only as links shown here. */
  emailEnabled: tenantProcedure("admin")
    .output(z.boolean())
    .query(({ ctx }) => (ctx.mailer ?? mailerFromEnv()) !== null),
  revokeInvitation: tenantProcedure("admin")
    .input(revokeInvitationSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => revokeInvitation(tx, ctx.actor, input))),
  changeRole: tenantProcedure("admin")
    .input(changeMemberRoleSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => changeMemberRole(tx, ctx.actor, input))),
  remove: tenantProcedure("admin")
    .input(removeMemberSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => removeMember(tx, ctx.actor, input))),
});
