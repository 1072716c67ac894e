"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Label } from "@/app/_components/ui/input";
import { ErrorText } from "./error-text";

type Outcome = { error: { message: string } | null; note: string | null };

/** Uploads a PNG or SVG logo to the tenant's logo route; the server checks and sanitises it. */
export function LogoUpload({ slug }: { slug: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ error: null, note: null });

  async function upload(form: HTMLFormElement) {
    setBusy(true);
    try {
      const response = await fetch(`/api/tenant-logo/${slug}`, { method: "POST", body: new FormData(form) });
      const body = (await response.json()) as { data?: { removed: string[] }; error?: { message: string } };
      if (!response.ok || !body.data) return setOutcome({ error: body.error ?? { message: `Upload failed (${response.status}).` }, note: null });
      const removed = body.data.removed;
      setOutcome({ error: null, note: removed.length ? `Logo saved. Removed from the SVG for safety: ${removed.join(", ")}.` : "Logo saved." });
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
        <Label htmlFor="logo">Logo (PNG or SVG, at most 256 KB)</Label>
        <input id="logo" name="logo" type="file" accept="image/png,image/svg+xml" required className="block text-sm" />
      </div>
      <Button type="submit" variant="outline" disabled={busy}>
        Upload logo
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
