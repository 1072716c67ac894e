"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { AppError } from "@/server/errors/app-error";
import { signUp, signUpSchema } from "@/server/services/auth/sign-up";

export type FormState = { error?: string; fieldErrors?: Record<string, string[] | undefined> } | undefined;

/** Only same-site paths are followed after sign-in. */
const safeRedirect = (value: FormDataEntryValue | null) => (typeof value === "string" && /^\/(?!\/)/.test(value) ? value : "/");

async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<FormState> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "locked") {
      return { error: "Too many failed sign-in attempts. This account is locked for 15 minutes." };
    }
    if (error instanceof AuthError) return { error: "Wrong email or password." };
    throw error; // Next's redirect on success travels as an exception.
  }
}

export async function signInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return signInWithPassword(String(formData.get("email") ?? ""), String(formData.get("password") ?? ""), safeRedirect(formData.get("callbackUrl")));
}

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    const { slug } = await signUp(await getDatabase(), parsed.data);
    return await signInWithPassword(parsed.data.email, parsed.data.password, `/t/${slug}/dashboard`);
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
