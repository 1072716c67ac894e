import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors/app-error";
import { limitBody, readLimitedText } from "./body-limit";

/** A body that yields `chunks` chunks of `size` bytes and records how many were pulled. */
function countingStream(chunks: number, size: number) {
  const pulled = { count: 0 };
  // highWaterMark 0: the stream produces a chunk only when someone reads, so `pulled` counts reads.
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.count === chunks) return controller.close();
        pulled.count++;
        controller.enqueue(new Uint8Array(size).fill(97));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled };
}

const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("body limits", () => {
  it("passes a body within the limit unchanged", async () => {
    expect(await readLimitedText(post('{"a":1}'), 100, "JSON")).toBe('{"a":1}');
  });

  it("stops a chunked body (no Content-Length) at the limit instead of reading it all", async () => {
    const { stream, pulled } = countingStream(1000, 1024);
    await expect(readLimitedText(post(stream), 10 * 1024, "JSON request bodies")).rejects.toSatisfy(
      (e) => e instanceof AppError && e.status === 413 && e.message === "The request body is larger than the 10 KB limit for JSON request bodies.",
    );
    expect(pulled.count).toBeLessThanOrEqual(12);
  });

  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    const { stream, pulled } = countingStream(1000, 1024);
    const request = post(stream, { "content-length": String(2 * 1024 * 1024) });
    await expect(readLimitedText(request, 1024 * 1024, "JSON")).rejects.toThrow("larger than the 1 MB limit");
    expect(pulled.count).toBe(0);
  });

  it("fails the stream with the caller's own error, so tRPC can format it", async () => {
    const limited = limitBody(post("x".repeat(50)), 10, () => new RangeError("too big"));
    await expect(limited.text()).rejects.toThrow(RangeError);
  });
});
