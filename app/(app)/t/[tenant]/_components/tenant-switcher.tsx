"use client";

import { useRouter } from "next/navigation";
import { Select } from "@/app/_components/ui/input";

/** Shown only to users with several memberships; the server re-checks membership on every page. */
export function TenantSwitcher({ current, tenants }: { current: string; tenants: { slug: string; displayName: string }[] }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-500">
      Workspace
      <Select aria-label="Switch workspace" className="w-56" value={current} onChange={(e) => router.push(`/t/${e.target.value}/dashboard`)}>
        {tenants.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.displayName}
          </option>
        ))}
      </Select>
    </label>
  );
}
