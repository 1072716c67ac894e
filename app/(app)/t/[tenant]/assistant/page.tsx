import { NotYetAvailable } from "@/app/_components/ui/not-yet-available";

export const metadata = { title: "Assistant" };

export default function Page() {
  return <NotYetAvailable title="Assistant" description="The assistant will answer questions about your sales, forecasts and recommendations by calling the same tools as these pages." />;
}
