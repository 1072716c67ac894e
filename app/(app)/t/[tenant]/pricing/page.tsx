import { NotYetAvailable } from "@/app/_components/ui/not-yet-available";

export const metadata = { title: "Pricing" };

export default function Page() {
  return <NotYetAvailable title="Pricing" description="Price and markdown recommendations built on the learned price elasticities will appear here once the forecasting engine ships." />;
}
