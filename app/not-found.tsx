import Link from "next/link";

export const metadata = { title: "Not found" };

/**
 * Every 404, including a workspace the user is not a member of: the same words either way, so the
 * page never tells whether another tenant exists.
 */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-100 to-slate-200 p-6">
      <div className="w-full max-w-sm text-center">
        <p className="mb-6 text-2xl font-semibold tracking-tight">
          <span className="text-blue-600">◆</span> Foresight
        </p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <p className="text-sm font-medium text-slate-500">404</p>
          <h1 className="mt-1 text-lg font-semibold">Page not found</h1>
          <p className="mt-2 text-sm text-slate-500">This page does not exist, or your account has no access to it.</p>
          <Link href="/" className="mt-4 inline-block text-sm font-medium text-blue-600 hover:underline">
            Back to your workspace
          </Link>
        </div>
      </div>
    </main>
  );
}
