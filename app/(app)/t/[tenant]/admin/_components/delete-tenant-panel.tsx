"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

/** Owners only: delete the workspace and all its data, typing its slug and their password again. */
export function DeleteTenantPanel({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const [confirmSlug, setConfirmSlug] = useState("");
  const [password, setPassword] = useState("");
  const remove = useMutation(trpc.tenant.delete.mutationOptions({ onSuccess: () => window.location.assign("/") }));
  return (
    <Card className="border-red-300">
      <CardHeader>
        <CardTitle>Delete this workspace</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <p className="text-sm text-slate-700">
          Deletes every store, item, sale, model, forecast, key, invitation, usage record and audit entry of this workspace, for good. Accounts of its
          members stay. Type <strong>{slug}</strong> and your password to confirm.
        </p>
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            remove.mutate({ confirmSlug, password });
          }}
        >
          <div className="w-56 space-y-1">
            <Label htmlFor="confirmSlug">Workspace slug</Label>
            <Input id="confirmSlug" autoComplete="off" value={confirmSlug} onChange={(e) => setConfirmSlug(e.target.value)} />
          </div>
          <div className="w-56 space-y-1">
            <Label htmlFor="deletePassword">Your password</Label>
            <Input id="deletePassword" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <Button type="submit" variant="destructive" disabled={remove.isPending || confirmSlug !== slug || !password}>
            Delete workspace
          </Button>
        </form>
        <ErrorText error={remove.error} />
      </CardContent>
    </Card>
  );
}
