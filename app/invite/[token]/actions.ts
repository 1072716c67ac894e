"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/server/auth";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { AppError } from "@/server/errors/app-error";
import { acceptInvitation } from "@/server/services/members/accept-invitation";

export async function acceptInvitationAction(_prev: { error?: string } | undefined, formData: FormData) {
  const token = String(formData.get("token") ?? "");
  const password = formData.get("password") ? String(formData.get("password")) : undefined;
  const session = await auth();
  let result;
  try {
    result = await acceptInvitation(
      await getDatabase(),
      { token, name: formData.get("name") ? String(formData.get("name")) : undefined, password },
      session?.user?.id,
    );
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    if (error instanceof Error && error.name === "ZodError") return { error: "Name and a password of at least 8 characters are required." };
    throw error;
  }
  const target = `/t/${result.tenantSlug}/dashboard`;
  if (!session && password) await signIn("credentials", { email: result.email, password, redirectTo: target });
  redirect(target);
}
