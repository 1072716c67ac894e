import { NotYetAvailable } from "@/app/_components/ui/not-yet-available";

export const metadata = { title: "Data" };

export default function Page() {
  return <NotYetAvailable title="Data" description="CSV import of the eight sources (sales, prices, discounts, markdowns, online, stores, catalog, inventory) is not built yet; demo workspaces come with generated history." />;
}
