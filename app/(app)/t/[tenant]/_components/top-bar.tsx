import type { Role } from "@/drizzle/schema";
import { signOutAction } from "@/app/(auth)/actions";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { TenantSwitcher } from "./tenant-switcher";

type Props = {
  current: { slug: string; displayName: string };
  tenants: { slug: string; displayName: string }[];
  user: { name: string; email: string; role: Role };
};

export function TopBar({ current, tenants, user }: Props) {
  return (
    <header className="flex h-16 items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 sm:px-6">
      {tenants.length > 1 ? (
        <TenantSwitcher current={current.slug} tenants={tenants} />
      ) : (
        <span className="min-w-0 truncate text-sm text-slate-500">{current.displayName}</span>
      )}
      <div className="flex shrink-0 items-center gap-3" data-testid="user-menu">
        <div className="hidden text-right leading-tight sm:block">
          <p className="text-sm font-medium">{user.name}</p>
          <p className="text-xs text-slate-500">{user.email}</p>
        </div>
        <Badge className="capitalize">{user.role}</Badge>
        <form action={signOutAction}>
          <Button variant="outline" size="sm" type="submit" className="whitespace-nowrap">
            Sign out
          </Button>
        </form>
      </div>
    </header>
  );
}
