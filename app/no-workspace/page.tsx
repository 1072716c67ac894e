import Link from "next/link";
import { signOutAction } from "@/app/(auth)/actions";
import { Button } from "@/app/_components/ui/button";

export default function NoWorkspace() {
  return (
    <main className="mx-auto max-w-md space-y-4 p-12 text-center">
      <h1 className="text-xl font-semibold">You are not a member of any workspace</h1>
      <p className="text-sm text-slate-500">Ask an admin of your organisation for an invitation, or create a workspace of your own.</p>
      <div className="flex justify-center gap-2">
        <Link href="/sign-up" className="text-sm font-medium text-blue-600 hover:underline">
          Create a workspace
        </Link>
        <form action={signOutAction}>
          <Button variant="outline" size="sm">
            Sign out
          </Button>
        </form>
      </div>
    </main>
  );
}
