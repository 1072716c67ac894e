import { NotYetAvailable } from "@/app/_components/ui/not-yet-available";

export const metadata = { title: "Reports" };

export default function Page() {
  return <NotYetAvailable title="Reports" description="Branded PDF reports of dashboards and forecasts are not built yet." />;
}
