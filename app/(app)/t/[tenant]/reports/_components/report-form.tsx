import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label, Select } from "@/app/_components/ui/input";

export type ReportField =
  | { kind: "select"; id: string; name: string; label: string; options: readonly { value: string; label: string }[]; defaultValue?: string }
  | { kind: "date"; id: string; name: string; label: string; defaultValue?: string };

const isRow = (f: ReportField | readonly ReportField[]): f is readonly ReportField[] => Array.isArray(f);

function Field({ field }: { field: ReportField }) {
  return (
    <div className="space-y-1">
      <Label htmlFor={field.id}>{field.label}</Label>
      {field.kind === "select" ? (
        <Select id={field.id} name={field.name} defaultValue={field.defaultValue}>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      ) : (
        <Input id={field.id} name={field.name} type="date" required defaultValue={field.defaultValue} />
      )}
    </div>
  );
}

/**
 * One report's card on the Reports page: a plain GET form to the report's download route (the
 * browser saves the PDF it answers with), its fields one per line or, in an inner list, side by side.
 */
export function ReportForm({ title, description, action, testId, fields, canGenerate }: { title: string; description: string; action: string; testId: string; fields: readonly (ReportField | readonly ReportField[])[]; canGenerate: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <p className="text-xs text-slate-500">{description}</p>
      </CardHeader>
      <CardContent>
        <form method="GET" action={action} className="space-y-3" data-testid={testId}>
          {fields.map((f) =>
            isRow(f) ? (
              <div key={f.map((x) => x.id).join("-")} className="flex gap-3">
                {f.map((x) => (
                  <Field key={x.id} field={x} />
                ))}
              </div>
            ) : (
              <Field key={f.id} field={f} />
            ),
          )}
          <Button type="submit" disabled={!canGenerate}>
            Download PDF
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
