import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-100 to-slate-200 p-6">
      <div className="w-full max-w-sm">
        <p className="mb-6 flex items-center justify-center gap-2 text-2xl font-semibold tracking-tight">
          <img src="/brand/foresight-mark.svg" alt="" width={28} height={28} /> Foresight
        </p>
        {children}
      </div>
    </main>
  );
}
