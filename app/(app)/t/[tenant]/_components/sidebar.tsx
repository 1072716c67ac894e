import { BarChart3, Bell, Bot, Boxes, Database, FileText, FlaskConical, LayoutDashboard, LineChart, ListChecks, Settings, Tag, Workflow } from "lucide-react";
import type { Role } from "@/drizzle/schema";
import { roleAtLeast } from "@/server/services/actor";
import { NavLink } from "./nav-link";

export const NAV = [
  { href: "dashboard", label: "Dashboard", icon: LayoutDashboard, minRole: "viewer" },
  { href: "actions", label: "Actions", icon: ListChecks, minRole: "viewer" },
  { href: "alerts", label: "Alerts", icon: Bell, minRole: "viewer" },
  { href: "forecasts", label: "Forecasts", icon: LineChart, minRole: "viewer" },
  { href: "inventory", label: "Inventory", icon: Boxes, minRole: "viewer" },
  { href: "pricing", label: "Pricing", icon: Tag, minRole: "viewer" },
  { href: "scenarios", label: "Scenarios", icon: FlaskConical, minRole: "viewer" },
  { href: "assistant", label: "Assistant", icon: Bot, minRole: "viewer" },
  { href: "reports", label: "Reports", icon: FileText, minRole: "viewer" },
  { href: "data", label: "Data", icon: Database, minRole: "viewer" },
  { href: "models", label: "Models", icon: Workflow, minRole: "viewer" },
  { href: "admin", label: "Admin", icon: Settings, minRole: "admin" },
] as const satisfies readonly { href: string; label: string; icon: unknown; minRole: Role }[];

/** The sections a role may open, with their links inside one tenant. */
export function navFor(slug: string, role: Role) {
  return NAV.filter((n) => roleAtLeast(role, n.minRole)).map((n) => ({ ...n, href: `/t/${slug}/${n.href}` }));
}

export function Sidebar({ slug, displayName, logoUrl, role }: { slug: string; displayName: string; logoUrl: string | null; role: Role }) {
  // The outer column runs the full height of the page (white, with its border); the inner part
  // sticks to the top of the window while the page scrolls.
  return (
    <div className="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:block">
      <aside className="sticky top-0 flex h-screen flex-col">
        <div className="flex h-16 items-center gap-3 border-b border-slate-200 px-5">
          {logoUrl ? <img src={logoUrl} alt="" className="h-8 w-8 shrink-0 rounded" /> : <BarChart3 className="h-7 w-7 shrink-0 text-brand" aria-hidden />}
          {/* Long names wrap onto a second line rather than lose their end. */}
          <span data-testid="tenant-brand" title={displayName} className="line-clamp-2 min-w-0 break-words font-semibold leading-tight text-brand-accent-text">
            {displayName}
          </span>
        </div>
        <nav className="flex-1 space-y-1 p-3" aria-label="Main">
          {navFor(slug, role).map((n) => (
            <NavLink key={n.href} href={n.href}>
              <n.icon className="h-4 w-4" aria-hidden />
              {n.label}
            </NavLink>
          ))}
        </nav>
        <p className="p-4 text-xs text-slate-500">Foresight</p>
      </aside>
    </div>
  );
}

/** Below the `md` breakpoint the sidebar is hidden; the same sections scroll sideways under the top bar. */
export function MobileNav({ slug, role }: { slug: string; role: Role }) {
  return (
    <nav className="flex gap-1 overflow-x-auto border-b border-slate-200 bg-white px-3 py-2 md:hidden" aria-label="Sections">
      {navFor(slug, role).map((n) => (
        <NavLink key={n.href} href={n.href} className="shrink-0 px-2.5 py-1.5">
          <n.icon className="h-4 w-4" aria-hidden />
          {n.label}
        </NavLink>
      ))}
    </nav>
  );
}
