import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { listUserTenants } from "@/server/services/auth/user-tenants";
import { hostTenant } from "./_lib/host-tenant";

export const dynamic = "force-dynamic";

/** `/` leads a signed-in user to their (first) tenant's dashboard; on a tenant's custom domain, to that tenant's. */
export default async function Home() {
  const session = await auth();
  if (!session?.user) redirect("/sign-in");
  const domainTenant = await hostTenant();
  if (domainTenant) redirect(`/t/${domainTenant.slug}/dashboard`);
  const [first] = await listUserTenants(await getDatabase(), session.user.id);
  if (!first) redirect("/no-workspace");
  redirect(`/t/${first.slug}/dashboard`);
}
