import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { changeMemberRole, changeMemberRoleSchema, removeMember, removeMemberSchema } from "@/server/services/members/change-member-role";
import { inviteMember, inviteMemberSchema, revokeInvitation, revokeInvitationSchema } from "@/server/services/members/invite-member";
import { listMembers, listPendingInvitations } from "@/server/services/members/list-members";
import { createdInvitationSchema, memberSchema, pendingInvitationSchema } from "./members.types";

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
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => inviteMember(tx, ctx.actor, input))),
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
