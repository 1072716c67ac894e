"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth, signIn } from "@/server/auth";
import { clientIp } from "@/server/auth/client-ip";
import { getDatabase } from "@/server/db";
import { validatedAction } from "@/server/forms/validated-action";
import { acceptInvitation, acceptInvitationSchema } from "@/server/services/members/accept-invitation";

export const acceptInvitationAction = validatedAction(acceptInvitationSchema, async (data) => {
  const session = await auth();
  const result = await acceptInvitation(await getDatabase(), data, { signedInUserId: session?.user?.id, ip: clientIp(await headers()) });
  const target = `/t/${result.tenantSlug}/dashboard`;
  if (!session && data.password) await signIn("credentials", { email: result.email, password: data.password, redirectTo: target });
  redirect(target);
});
