import Link from "next/link";
import { Card, CardContent } from "@/app/_components/ui/card";
import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { AppError } from "@/server/errors/app-error";
import { describeInvitation } from "@/server/services/members/accept-invitation";
import { AcceptForm } from "./accept-form";

export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await auth();
  const invitation = await describeInvitation(await getDatabase(), token).catch((e: unknown) => {
    if (e instanceof AppError) return { error: e.message } as const;
    throw e;
  });
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <Card className="w-full max-w-sm">
        <CardContent className="space-y-4 p-6">
          {"error" in invitation ? (
            <p className="text-sm text-red-700">{invitation.error}</p>
          ) : invitation.hasAccount && session?.user?.email !== invitation.email ? (
            <p className="text-sm">
              This invitation to <strong>{invitation.tenantName}</strong> is for {invitation.email}.{" "}
              <Link className="text-blue-600 underline" href={`/sign-in?callbackUrl=/invite/${token}`}>
                Sign in as {invitation.email}
              </Link>{" "}
              to accept it.
            </p>
          ) : (
            <>
              <h1 className="text-lg font-semibold">Join {invitation.tenantName}</h1>
              <p className="text-sm text-slate-500">
                You are invited as <strong>{invitation.role}</strong> ({invitation.email}).
              </p>
              <AcceptForm token={token} needsAccount={!invitation.hasAccount} />
            </>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
