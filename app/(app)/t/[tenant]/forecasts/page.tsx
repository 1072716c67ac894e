import { ForecastExplorer } from "./_components/forecast-explorer";

export const metadata = { title: "Forecasts" };

export default async function ForecastsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Forecasts</h1>
        <p className="text-sm text-slate-500">Daily demand per store and item with P10–P50–P90 bands from the production model.</p>
      </div>
      <ForecastExplorer tenant={tenant} modelsHref={`/t/${tenant}/models`} dataHref={`/t/${tenant}/data`} whyHref={`/t/${tenant}/forecasts/why`} />
    </div>
  );
}
