"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { signUpAction } from "../actions";
import { Field } from "../_components/field";

export function SignUpForm() {
  const [state, action, pending] = useActionState(signUpAction, undefined);
  const errors = state?.fieldErrors ?? {};
  return (
    <Card>
      <CardContent className="space-y-4 p-6">
        <h1 className="text-lg font-semibold">Create your workspace</h1>
        <form action={action} className="space-y-4">
          <Field label="Your name" name="name" autoComplete="name" required errors={errors.name} />
          <Field label="Organisation" name="organization" required errors={errors.organization} />
          <Field label="Work email" name="email" type="email" autoComplete="email" required errors={errors.email} />
          <Field label="Password" name="password" type="password" autoComplete="new-password" minLength={8} required errors={errors.password} />
          {state?.error ? (
            <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
              {state.error}
            </p>
          ) : null}
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Creating…" : "Create workspace"}
          </Button>
        </form>
        <p className="text-center text-sm text-slate-500">
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-blue-600 hover:underline">
            Sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
