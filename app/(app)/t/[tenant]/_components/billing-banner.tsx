import Link from "next/link";
import type { BillingStatus } from "@/drizzle/schema";

/** Shown on every page of the tenant while a payment is overdue (grace) or the workspace is read-only. */
export function BillingBanner({ slug, status, graceUntil, readOnly }: { slug: string; status: BillingStatus; graceUntil: Date | null; readOnly: boolean }) {
  if (!readOnly && status !== "past_due") return null;
  const text = readOnly
    ? status === "paused"
      ? "The subscription is paused: this workspace is read-only."
      : "A payment is overdue and the grace period has ended: this workspace is read-only. Data stays readable and exportable."
    : `A payment failed. Everything keeps working until ${graceUntil?.toISOString().slice(0, 10) ?? "the end of the grace period"}; then the workspace becomes read-only.`;
  return (
    <div role="status" data-testid="billing-banner" className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      {text}{" "}
      <Link href={`/t/${slug}/admin/billing`} className="font-medium underline">
        Billing
      </Link>
    </div>
  );
}
