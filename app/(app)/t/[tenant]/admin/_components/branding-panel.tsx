"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

type Branding = { displayName: string; primaryColor: string; accentColor: string };

export function BrandingPanel({ initial }: { initial: Branding }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState<Branding>({ displayName: initial.displayName, primaryColor: initial.primaryColor, accentColor: initial.accentColor });
  const save = useMutation(trpc.tenant.updateBranding.mutationOptions({ onSuccess: () => router.refresh() }));
  const set = (key: keyof Branding) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  return (
    <Card>
      <CardHeader>
        <CardTitle>Branding</CardTitle>
      </CardHeader>
      <CardContent>
        <form
          className="flex flex-wrap items-end gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(form);
          }}
        >
          <div className="w-64 space-y-1">
            <Label htmlFor="displayName">Display name</Label>
            <Input id="displayName" value={form.displayName} onChange={set("displayName")} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="primaryColor">Primary colour</Label>
            <Input id="primaryColor" type="color" className="w-20 p-1" value={form.primaryColor} onChange={set("primaryColor")} />
          </div>
          <div className="space-y-1">
            <Label htmlFor="accentColor">Accent colour</Label>
            <Input id="accentColor" type="color" className="w-20 p-1" value={form.accentColor} onChange={set("accentColor")} />
          </div>
          <Button type="submit" disabled={save.isPending}>
            Save branding
          </Button>
        </form>
        <ErrorText error={save.error} />
      </CardContent>
    </Card>
  );
}
