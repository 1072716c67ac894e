import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { demoMode } from "@/server/env";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if ((await auth())?.user) redirect("/");
  const { callbackUrl } = await searchParams;
  return <SignInForm callbackUrl={callbackUrl} demo={demoMode} />;
}
