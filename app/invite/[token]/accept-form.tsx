"use client";

import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/(auth)/_components/field";
import { acceptInvitationAction } from "./actions";

export function AcceptForm({ token, needsAccount }: { token: string; needsAccount: boolean }) {
  const [state, action, pending] = useActionState(acceptInvitationAction, undefined);
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {needsAccount ? (
        <>
          <Field label="Your name" name="name" required errors={errors.name} />
          <Field label="Choose a password" name="password" type="password" minLength={8} autoComplete="new-password" required errors={errors.password} />
        </>
      ) : null}
      {state?.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        Accept invitation
      </Button>
    </form>
  );
}
