import { AppError } from "@/server/errors/app-error";

const MB = 1024 * 1024;

/** JSON bodies of the REST API and tRPC (the CSV import streams through its own path). */
export const JSON_BODY_LIMIT_BYTES = 1 * MB;
/** CSV uploads (REST import, the Data page): streamed and never held whole, so the limit is about disk and time. */
export const CSV_BODY_LIMIT_BYTES = 1024 * MB;
/** Form posts and server actions: sign-in, sign-up, invitations. Also `serverActions.bodySizeLimit`. */
export const FORM_BODY_LIMIT_BYTES = 1 * MB;

export function formatBytes(bytes: number): string {
  return bytes % MB === 0 ? `${bytes / MB} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function bodyTooLarge(limit: number, what: string): AppError {
  return new AppError("payload_too_large:body", `The request body is larger than the ${formatBytes(limit)} limit for ${what}.`);
}

/** The declared Content-Length, or null when the body is chunked or the header is not a plain number. */
function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  return header && /^\d+$/.test(header) ? Number(header) : null;
}

/**
 * A copy of `request` whose body fails with `tooLarge()` as soon as more than `limit` bytes have
 * arrived, so nothing past the limit is read or kept; a declared Content-Length over the limit
 * fails before the first byte. Chunked bodies (no Content-Length) are counted the same way.
 */
export function limitBody(request: Request, limit: number, tooLarge: () => Error): Request {
  const source = request.body;
  if (!source) return request;
  const overDeclared = (declaredLength(request) ?? 0) > limit;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let received = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (overDeclared) return controller.error(tooLarge());
      reader ??= source.getReader();
      const { done, value } = await reader.read();
      if (done) return controller.close();
      received += value.byteLength;
      if (received > limit) return controller.error(tooLarge());
      controller.enqueue(value);
    },
    cancel: (reason) => reader?.cancel(reason),
  });
  return new Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: "half" } as RequestInit);
}

/** The body as text, refusing more than `limit` bytes with a 413 that names the limit. */
export function readLimitedText(request: Request, limit: number, what: string): Promise<string> {
  return limitBody(request, limit, () => bodyTooLarge(limit, what)).text();
}
