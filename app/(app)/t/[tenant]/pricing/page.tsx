import { PricingExplorer } from "./_components/pricing-explorer";

export const metadata = { title: "Pricing" };

export default function PricingPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Pricing</h1>
        <p className="text-sm text-slate-600">How the production model expects demand and profit to respond to price, and the most profitable price within your guardrails.</p>
      </div>
      <PricingExplorer />
    </div>
  );
}
