import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { hostTenant } from "@/app/_lib/host-tenant";
import { signInRefusalMessage } from "@/server/auth/throttle-code";
import { demoMode } from "@/server/env";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

type Search = { callbackUrl?: string; error?: string; code?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  if ((await auth())?.user) redirect("/");
  const { callbackUrl, error, code } = await searchParams;
  // Where Auth.js sends a refused sign-in that did not come from this form (scripts, a reload).
  const refused = error === "CredentialsSignin" ? (signInRefusalMessage(code) ?? "Wrong email or password.") : undefined;
  // On a tenant's custom domain, signing in lands in that tenant and nobody is offered a new workspace.
  const tenant = await hostTenant();
  return (
    <SignInForm
      callbackUrl={callbackUrl ?? (tenant ? `/t/${tenant.slug}/dashboard` : undefined)}
      demo={demoMode}
      refused={refused}
      workspace={tenant?.branding.displayName}
    />
  );
}
