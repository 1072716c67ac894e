"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { signInAction } from "../actions";
import { Field } from "../_components/field";

/** `workspace`: on a tenant's custom domain, its display name (and no offer to create a workspace). */
export function SignInForm({ callbackUrl, demo, refused, workspace }: { callbackUrl?: string; demo: boolean; refused?: string; workspace?: string }) {
  const [state, action, pending] = useActionState(signInAction, undefined);
  const errors = state?.fieldErrors ?? {};
  const message = state ? state.error : refused;
  return (
    <Card>
      <CardContent className="space-y-4 p-6">
        <h1 className="text-lg font-semibold">{workspace ? `Sign in to ${workspace}` : "Sign in"}</h1>
        <form action={action} className="space-y-4">
          <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
          <Field label="Email" name="email" type="email" autoComplete="email" required errors={errors.email} />
          <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={errors.password} />
          {message ? (
            <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-700">
              {message}
            </p>
          ) : null}
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Signing in…" : "Sign in"}
          </Button>
        </form>
        {workspace ? null : (
          <p className="text-center text-sm text-slate-500">
            New here?{" "}
            <Link href="/sign-up" className="font-medium text-blue-600 hover:underline">
              Create a workspace
            </Link>
          </p>
        )}
        {demo ? (
          <p className="rounded-md bg-slate-50 p-3 text-xs text-slate-500">
            Demo: <code>analyst@acme.test</code> or <code>owner@northwind.test</code>, password <code>demo1234</code>.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
