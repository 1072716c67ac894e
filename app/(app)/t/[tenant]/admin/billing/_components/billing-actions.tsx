"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { ErrorText } from "../../_components/error-text";

type PlanCard = { id: "free" | "pro" | "enterprise"; name: string; price: string; limits: Record<string, number> };

const SHOWN: [string, string][] = [
  ["seats", "members"],
  ["stores", "stores"],
  ["items", "items"],
  ["assistant_messages", "assistant messages / month"],
  ["reports", "reports / month"],
  ["retrains", "retrains / month"],
  ["api_requests_per_minute", "API requests / minute"],
];

/** The plans side by side, with what an owner can do: change plan (local mode), Checkout or the Portal (Stripe). */
export function BillingActions(props: { canChange: boolean; mode: "stripe" | "local"; currentPlan: PlanCard["id"]; hasStripeCustomer: boolean; plans: PlanCard[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const change = useMutation(trpc.billing.changePlan.mutationOptions({ onSuccess: () => router.refresh() }));
  const go = ({ url }: { url: string }) => window.location.assign(url);
  const checkout = useMutation(trpc.billing.checkout.mutationOptions({ onSuccess: go }));
  const portal = useMutation(trpc.billing.portal.mutationOptions({ onSuccess: go }));
  const pending = change.isPending || checkout.isPending || portal.isPending;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Plans</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {!props.canChange ? <p className="text-sm text-slate-600">Only owners change the plan.</p> : null}
        <div className="grid gap-4 md:grid-cols-3">
          {props.plans.map((p) => (
            <section key={p.id} aria-labelledby={`plan-${p.id}`} className={`rounded-lg border p-4 ${p.id === props.currentPlan ? "border-brand" : "border-slate-200"}`}>
              <h3 id={`plan-${p.id}`} className="font-semibold">
                {p.name} <span className="font-normal text-slate-600">{p.price} / month</span>
              </h3>
              <ul className="mt-2 space-y-0.5 text-sm text-slate-700">
                {SHOWN.map(([key, label]) => (
                  <li key={key}>
                    {(p.limits[key] ?? 0).toLocaleString("en-US")} {label}
                  </li>
                ))}
              </ul>
              <div className="mt-3">
                {p.id === props.currentPlan ? (
                  <p className="text-sm font-medium">Current plan</p>
                ) : props.canChange && props.mode === "local" ? (
                  <Button size="sm" disabled={pending} onClick={() => change.mutate({ plan: p.id })}>
                    Switch to {p.name}
                  </Button>
                ) : props.canChange && props.mode === "stripe" && p.id !== "free" && !props.hasStripeCustomer ? (
                  <Button size="sm" disabled={pending} onClick={() => checkout.mutate({ plan: p.id as "pro" | "enterprise" })}>
                    Subscribe to {p.name}
                  </Button>
                ) : null}
              </div>
            </section>
          ))}
        </div>
        {props.canChange && props.mode === "stripe" && props.hasStripeCustomer ? (
          <Button variant="outline" disabled={pending} onClick={() => portal.mutate()}>
            Manage plan, payment methods and invoices (Stripe)
          </Button>
        ) : null}
        <ErrorText error={change.error ?? checkout.error ?? portal.error} />
      </CardContent>
    </Card>
  );
}
