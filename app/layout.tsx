import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { DEFAULT_FAVICON } from "@/server/tenants/brand-urls";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Foresight", template: "%s · Foresight" },
  description: "Retail forecasting and decision intelligence",
  // In metadata rather than as app/icon.svg: a file icon would win over a tenant layout's own.
  icons: { icon: { url: DEFAULT_FAVICON.url, type: DEFAULT_FAVICON.type } },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next.js can put the request's CSP nonce on its inline scripts.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
