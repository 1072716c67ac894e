"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/app/_components/ui/cn";

export function NavLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  const active = usePathname()?.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-600 hover:bg-slate-100",
        active && "bg-brand/10 text-brand-text hover:bg-brand/15",
        className,
      )}
    >
      {children}
    </Link>
  );
}
