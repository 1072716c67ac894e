import type { InputHTMLAttributes } from "react";
import { Input, Label } from "@/app/_components/ui/input";

/** A labelled input with the first validation message under it. */
export function Field({ label, errors, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; errors?: string[] }) {
  const id = `field-${props.name}`;
  return (
    <div className="space-y-1">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} aria-invalid={errors?.length ? true : undefined} {...props} />
      {errors?.[0] ? <p className="text-xs text-red-600">{errors[0]}</p> : null}
    </div>
  );
}
