"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { signIn, signOut } from "@/server/auth";
import { clientIp } from "@/server/auth/client-ip";
import { signInRefusalMessage } from "@/server/auth/throttle-code";
import { hostTenant } from "@/app/_lib/host-tenant";
import { getDatabase } from "@/server/db";
import { validatedAction } from "@/server/forms/validated-action";
import type { FormState } from "@/server/forms/validated-action";
import { signUp, signUpSchema } from "@/server/services/auth/sign-up";
import { credentialsSchema } from "@/server/services/auth/verify-credentials";
import { text } from "@/server/validation/text";

/** Only same-site paths are followed after sign-in. */
const safeRedirect = (value: string | undefined) => (value && /^\/(?!\/)/.test(value) ? value : "/");

async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<FormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const refused = signInRefusalMessage(error.code);
      if (refused) return { error: refused };
    }
    if (error instanceof AuthError) return { error: "Wrong email or password." };
    throw error; // Next's redirect on success travels as an exception.
  }
}

const signInFormSchema = credentialsSchema.extend({ callbackUrl: text({ max: 2000 }).optional() });

export const signInAction = validatedAction(signInFormSchema, ({ email, password, callbackUrl }) =>
  signInWithPassword(email, password, safeRedirect(callbackUrl)),
);

export const signUpAction = validatedAction(signUpSchema, async (data) => {
  // A tenant's custom domain is for its members; new workspaces are created on the app's own address.
  if (await hostTenant()) return { error: "New workspaces are created on Foresight's own address, not on a workspace's custom domain." };
  const { slug } = await signUp(await getDatabase(), data, { ip: clientIp(await headers()) });
  return signInWithPassword(data.email, data.password, `/t/${slug}/dashboard`);
});

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
