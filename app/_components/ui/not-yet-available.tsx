import { Card, CardContent } from "./card";

/** The honest state of a page whose feature has not been built yet. */
export function NotYetAvailable({ title, description }: { title: string; description: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <Card>
        <CardContent className="p-8 text-center">
          <p className="text-base font-medium">Not yet available</p>
          <p className="mx-auto mt-2 max-w-xl text-sm text-slate-500">{description}</p>
        </CardContent>
      </Card>
    </div>
  );
}
