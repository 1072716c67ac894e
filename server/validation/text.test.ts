import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues } from "./describe-issues";
import { text } from "./text";

describe("shared text schema", () => {
  const form = z.object({ name: text({ min: 1, max: 10, required: "Name is required" }), secret: text({ max: 10, trim: false }) });
  const issues = (value: unknown) => {
    const result = form.safeParse(value);
    return result.success ? null : describeIssues(result.error);
  };

  it("trims and bounds text, but takes secrets as sent", () => {
    expect(form.parse({ name: "  Ana ", secret: " pw " })).toEqual({ name: "Ana", secret: " pw " });
    expect(issues({ name: "   ", secret: "" })).toBe("name: Name is required");
    expect(issues({ name: "x".repeat(11), secret: "" })).toBe("name: Must be at most 10 characters");
  });

  it("refuses a NUL character and an unpaired surrogate, naming the field", () => {
    expect(issues({ name: "a\u0000b", secret: "" })).toBe("name: Must not contain NUL characters (\\u0000)");
    expect(issues({ name: "ok", secret: "\u0000" })).toBe("secret: Must not contain NUL characters (\\u0000)");
    expect(issues({ name: "a\ud800", secret: "" })).toMatch(/^name: Must be valid Unicode text/);
    expect(form.parse({ name: "😀 ok", secret: "" }).name).toBe("😀 ok");
  });
});
