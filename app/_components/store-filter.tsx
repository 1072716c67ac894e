"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { Label, Select } from "@/app/_components/ui/input";

/** The "Store" filter of the dashboards: every store of the tenant, or all of them (""). */
export function StoreFilter({ id, value, onChange }: { id: string; value: string; onChange: (storeId: string) => void }) {
  const trpc = useTRPC();
  const stores = useQuery(trpc.catalog.stores.queryOptions());
  return (
    <div className="w-56 space-y-1">
      <Label htmlFor={id}>Store</Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All stores</option>
        {stores.data?.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
