"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Label } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

type Outcome = { error: { message: string } | null; note: string | null };

const KINDS = {
  logo: { route: "tenant-logo", label: "Logo (PNG or SVG, at most 256 KB)", accept: "image/png,image/svg+xml", noun: "Logo" },
  favicon: { route: "tenant-favicon", label: "Favicon (PNG, ICO or SVG, at most 100 KB)", accept: "image/png,image/x-icon,image/vnd.microsoft.icon,image/svg+xml,.ico", noun: "Favicon" },
} as const;

/** Uploads a logo or favicon to the tenant's route for it; the server checks and sanitises the file. */
export function BrandImageUpload({ slug, kind }: { slug: string; kind: keyof typeof KINDS }) {
  const router = useRouter();
  const spec = KINDS[kind];
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ error: null, note: null });

  async function upload(form: HTMLFormElement) {
    setBusy(true);
    try {
      const response = await fetch(`/api/${spec.route}/${slug}`, { method: "POST", body: new FormData(form) });
      const body = (await response.json()) as { data?: { removed: string[] }; error?: { message: string } };
      if (!response.ok || !body.data) return setOutcome({ error: body.error ?? { message: `Upload failed (${response.status}).` }, note: null });
      const removed = body.data.removed;
      setOutcome({ error: null, note: removed.length ? `${spec.noun} saved. Removed from the SVG for safety: ${removed.join(", ")}.` : `${spec.noun} saved.` });
      form.reset();
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="flex flex-wrap items-end gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void upload(e.currentTarget);
      }}
    >
      <div className="space-y-1">
        <Label htmlFor={kind}>{spec.label}</Label>
        <input id={kind} name={kind} type="file" accept={spec.accept} required className="block text-sm" />
      </div>
      <Button type="submit" variant="outline" disabled={busy}>
        Upload {spec.noun.toLowerCase()}
      </Button>
      {outcome.note ? (
        <p role="status" className="w-full text-sm text-slate-700">
          {outcome.note}
        </p>
      ) : null}
      <div className="w-full">
        <ErrorText error={outcome.error} />
      </div>
    </form>
  );
}
