"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { z } from "zod";

// The URL is user input: anything that is not a plausible id is ignored rather than sent on.
const idParam = z.string().trim().min(1).max(64).optional().catch(undefined);

/** The store and item named in the URL (?store=…&item=…), so a selection can be shared as a link. */
export function useSeriesSelection() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const storeParam = idParam.parse(searchParams.get("store") ?? undefined);
  const itemParam = idParam.parse(searchParams.get("item") ?? undefined);

  const select = (next: { store?: string; item?: string }) => {
    const params = new URLSearchParams();
    if (next.store) params.set("store", next.store);
    if (next.item) params.set("item", next.item);
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return { storeParam, itemParam, select };
}
