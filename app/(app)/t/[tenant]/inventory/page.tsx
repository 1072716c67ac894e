import { NotYetAvailable } from "@/app/_components/ui/not-yet-available";

export const metadata = { title: "Inventory" };

export default function Page() {
  return <NotYetAvailable title="Inventory" description="Reorder and transfer recommendations with their money value will appear here once forecasts are available." />;
}
