import { BarChart3, Bot, Boxes, Database, FileText, LayoutDashboard, LineChart, Settings, Tag, Workflow } from "lucide-react";
import type { Role } from "@/drizzle/schema";
import { roleAtLeast } from "@/server/services/actor";
import { NavLink } from "./nav-link";

const NAV = [
  { href: "dashboard", label: "Dashboard", icon: LayoutDashboard, minRole: "viewer" },
  { href: "forecasts", label: "Forecasts", icon: LineChart, minRole: "viewer" },
  { href: "inventory", label: "Inventory", icon: Boxes, minRole: "viewer" },
  { href: "pricing", label: "Pricing", icon: Tag, minRole: "viewer" },
  { href: "assistant", label: "Assistant", icon: Bot, minRole: "viewer" },
  { href: "reports", label: "Reports", icon: FileText, minRole: "viewer" },
  { href: "data", label: "Data", icon: Database, minRole: "viewer" },
  { href: "models", label: "Models", icon: Workflow, minRole: "viewer" },
  { href: "admin", label: "Admin", icon: Settings, minRole: "admin" },
] as const satisfies readonly { href: string; label: string; icon: unknown; minRole: Role }[];

export function Sidebar({ slug, displayName, logoUrl, role }: { slug: string; displayName: string; logoUrl: string | null; role: Role }) {
  return (
    <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col border-r border-slate-200 bg-white md:flex">
      <div className="flex h-16 items-center gap-3 border-b border-slate-200 px-5">
        {logoUrl ? (
          <img src={logoUrl} alt="" className="h-8 w-8 rounded" />
        ) : (
          <BarChart3 className="h-7 w-7 text-brand" aria-hidden />
        )}
        <span data-testid="tenant-brand" className="truncate font-semibold text-brand-accent">
          {displayName}
        </span>
      </div>
      <nav className="flex-1 space-y-1 p-3" aria-label="Main">
        {NAV.filter((n) => roleAtLeast(role, n.minRole)).map((n) => (
          <NavLink key={n.href} href={`/t/${slug}/${n.href}`}>
            <n.icon className="h-4 w-4" aria-hidden />
            {n.label}
          </NavLink>
        ))}
      </nav>
      <p className="p-4 text-xs text-slate-400">Foresight</p>
    </aside>
  );
}
