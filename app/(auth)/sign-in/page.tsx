import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { throttleMessage } from "@/server/auth/throttle-code";
import { demoMode } from "@/server/env";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

type Search = { callbackUrl?: string; error?: string; code?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  if ((await auth())?.user) redirect("/");
  const { callbackUrl, error, code } = await searchParams;
  // Where Auth.js sends a refused sign-in that did not come from this form (scripts, a reload).
  const refused = error === "CredentialsSignin" ? (throttleMessage(code) ?? "Wrong email or password.") : undefined;
  return <SignInForm callbackUrl={callbackUrl} demo={demoMode} refused={refused} />;
}
