import { NotYetAvailable } from "@/app/_components/ui/not-yet-available";

export const metadata = { title: "Forecasts" };

export default function Page() {
  return <NotYetAvailable title="Forecasts" description="Item × store demand forecasts with P10–P50–P90 bands and backtest metrics arrive with the forecasting engine. Nothing here is simulated in the meantime." />;
}
