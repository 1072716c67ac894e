import Link from "next/link";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { roleAtLeast } from "@/server/services/actor";
import { LIMIT_LABELS } from "@/server/services/billing/plans";
import { currentTenant } from "../../_lib/current-tenant";
import { BillingActions } from "./_components/billing-actions";
import { UsageChart } from "./_components/usage-chart";
import { UsageMeter } from "./_components/usage-meter";

export const metadata = { title: "Billing" };

const usd = (cents: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function BillingPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current, caller } = await currentTenant(tenant);
  if (!roleAtLeast(current.role, "admin")) {
    return (
      <Card>
        <CardContent className="p-8 text-center text-sm text-slate-500">Billing needs the admin role; you are {current.role}.</CardContent>
      </Card>
    );
  }
  const summary = await caller.billing.summary();
  const plan = summary.plans.find((p) => p.id === summary.plan)!;
  const lastDay = new Date(summary.periodEnds.getTime() - 86_400_000);
  const metricLabels = Object.fromEntries(summary.monthly.map((m) => [m.metric, LIMIT_LABELS[m.metric].replace(/ per month$/, "")]));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Billing</h1>
        <Link href={`/t/${tenant}/admin`} className="text-sm text-brand-text underline">
          Back to Admin
        </Link>
      </div>

      {summary.mode === "local" ? (
        <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-700" data-testid="billing-mode">
          Stripe is not configured on this server (no <code>STRIPE_SECRET_KEY</code>), so billing runs in local mode: owners change the plan here
          directly, nothing is charged, and usage is still metered and shown below.
        </p>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>
            Plan: <span data-testid="current-plan">{plan.name}</span>
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-2 text-sm">
          <p>
            Status: <strong data-testid="billing-status">{summary.readOnly ? "read-only" : summary.billingStatus.replace("_", " ")}</strong>
            {summary.billingStatus === "past_due" && summary.graceUntil ? <> · grace period until {day(summary.graceUntil)}</> : null}
          </p>
          <p>
            Invoice estimate for {summary.period.slice(0, 7)}: <strong data-testid="invoice-estimate">{usd(summary.invoiceEstimateCents)}</strong>{" "}
            <span className="text-slate-600">(the plan&apos;s monthly price; limits stop work at the cap rather than charge for more)</span>
          </p>
          <p className="text-slate-600">
            Monthly counts run from {summary.period} to {day(lastDay)} (UTC). API requests are limited to {summary.apiRequestsPerMinute.toLocaleString("en-US")} a minute.
          </p>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Usage this month</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <ul className="grid gap-4 md:grid-cols-2">
            {summary.monthly.map((m) => (
              <UsageMeter key={m.metric} label={metricLabels[m.metric]!} used={m.used} limit={m.limit} unit="this month" />
            ))}
            {summary.counted.map((c) => (
              <UsageMeter key={c.limit} label={LIMIT_LABELS[c.limit]} used={c.used} limit={c.max} unit="now" />
            ))}
          </ul>
          <UsageChart daily={summary.daily} labels={metricLabels} />
        </CardContent>
      </Card>

      <BillingActions
        canChange={current.role === "owner"}
        mode={summary.mode}
        currentPlan={summary.plan}
        hasStripeCustomer={summary.hasStripeCustomer}
        plans={summary.plans.map((p) => ({ id: p.id, name: p.name, price: usd(p.monthlyPriceCents), limits: p.limits }))}
      />
    </div>
  );
}
