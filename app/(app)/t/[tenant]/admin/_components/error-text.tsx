export function ErrorText({ error }: { error: { message: string } | null }) {
  return error ? (
    <p role="alert" className="text-sm text-red-700">
      {error.message}
    </p>
  ) : null;
}
