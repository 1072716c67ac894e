"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import { AA_TEXT_CONTRAST, textContrastOnSurfaces } from "@/server/tenants/brand-colors";
import { ErrorText } from "./error-text";
import { BrandImageUpload } from "./brand-image-upload";
import { CustomDomainPanel } from "./custom-domain-panel";

type Branding = { displayName: string; primaryColor: string; accentColor: string };

/** A warning when a colour is too light for text on white: the app then darkens its text (keeping the hue). */
function contrastWarning(name: string, hex: string): string | null {
  const ratio = textContrastOnSurfaces(hex);
  if (ratio >= AA_TEXT_CONTRAST) return null;
  return `${name} reaches ${ratio.toFixed(1)}:1 on white, below the ${AA_TEXT_CONTRAST}:1 WCAG AA needs for text: text in it is shown darker.`;
}

export function BrandingPanel({ initial, slug }: { initial: Branding; slug: string }) {
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
        {[contrastWarning("The primary colour", form.primaryColor), contrastWarning("The accent colour", form.accentColor)]
          .filter(Boolean)
          .map((w) => (
            <p key={w} className="mt-2 text-sm text-amber-800" data-testid="contrast-warning">
              {w}
            </p>
          ))}
        <ErrorText error={save.error} />
        <div className="mt-6 border-t border-slate-200 pt-4">
          <BrandImageUpload slug={slug} kind="logo" />
        </div>
        <div className="mt-6 border-t border-slate-200 pt-4">
          <BrandImageUpload slug={slug} kind="favicon" />
        </div>
        <div className="mt-6 border-t border-slate-200 pt-4">
          <CustomDomainPanel />
        </div>
      </CardContent>
    </Card>
  );
}
