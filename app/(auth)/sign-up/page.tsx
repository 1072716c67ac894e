import { redirect } from "next/navigation";
import { hostTenant } from "@/app/_lib/host-tenant";
import { SignUpForm } from "./sign-up-form";

export const metadata = { title: "Create a workspace" };

/** Not on a tenant's custom domain: that address is for the tenant's members. */
export default async function SignUpPage() {
  if (await hostTenant()) redirect("/sign-in");
  return <SignUpForm />;
}
