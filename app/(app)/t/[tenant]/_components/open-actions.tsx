import Link from "next/link";
import { Card, CardContent, CardHeader } from "@/app/_components/ui/card";
import type { actionListSchema } from "@/server/api/routers/actions.types";
import type { z } from "zod";
import { itemHref, storeHref } from "../_lib/links";

/** Open actions of one item or one store, highest value first, each linking to the action center and its item and store. */
export function OpenActions({ list, tenant, locale }: { list: z.output<typeof actionListSchema>; tenant: string; locale: string }) {
  const money = new Intl.NumberFormat(locale, { style: "currency", currency: list.currency, maximumFractionDigits: 0 });
  return (
    <Card>
      <CardHeader>
        <h2 className="text-base font-semibold">Open actions</h2>
        <p className="text-xs text-slate-600">
          {list.total === 0 ? "None open." : `${list.total} open, worth ${money.format(list.totalValue)} if all are taken.`}{" "}
          <Link href={`/t/${tenant}/actions`} className="text-brand-text underline">
            Action center
          </Link>
        </p>
      </CardHeader>
      {list.actions.length > 0 ? (
        <CardContent>
          <ul className="space-y-2 text-sm" data-testid="open-actions">
            {list.actions.map((a) => (
              <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 border-t border-slate-100 pt-2">
                <span>
                  {a.title}{" "}
                  <span className="text-xs text-slate-600">
                    due {a.dueDate} ·{" "}
                    <Link href={storeHref(tenant, a.storeId)} className="underline">
                      {a.storeName}
                    </Link>{" "}
                    ·{" "}
                    <Link href={itemHref(tenant, a.itemId, a.storeId)} className="underline">
                      item {a.itemId}
                    </Link>
                  </span>
                </span>
                <span className="font-medium tabular-nums">{money.format(a.value)}</span>
              </li>
            ))}
          </ul>
        </CardContent>
      ) : null}
    </Card>
  );
}
