import { NotYetAvailable } from "@/app/_components/ui/not-yet-available";

export const metadata = { title: "Models" };

export default function Page() {
  return <NotYetAvailable title="Models" description="Model versions, backtest metrics, promotion and rollback will be listed here once the forecasting engine ships." />;
}
