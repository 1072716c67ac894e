import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/server/errors/app-error";
import { text } from "@/server/validation/text";
import { validatedAction } from "./validated-action";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("validatedAction", () => {
  const schema = z.object({ name: text({ min: 1, max: 20 }), note: text({ max: 20 }).optional() });

  it("runs the action with the parsed fields, ignoring Next.js's own", async () => {
    const seen: unknown[] = [];
    const action = validatedAction(schema, async (data) => {
      seen.push(data);
      return { error: "done" };
    });
    expect(await action(undefined, form({ name: " Ana ", $ACTION_ID_abc: "" }))).toEqual({ error: "done" });
    expect(seen).toEqual([{ name: "Ana" }]);
  });

  it("answers bad fields (a NUL byte too) per field, without running the action", async () => {
    let ran = false;
    const action = validatedAction(schema, async () => {
      ran = true;
    });
    const state = await action(undefined, form({ name: "a\u0000b", note: "x".repeat(21) }));
    expect(state?.fieldErrors).toEqual({ name: ["Must not contain NUL characters (\\u0000)"], note: ["Must be at most 20 characters"] });
    expect(ran).toBe(false);
  });

  it("shows AppErrors and the caller's database errors as the form's message, rethrows the rest", async () => {
    const refuse = validatedAction(schema, async () => {
      throw new AppError("conflict:email", "Taken.");
    });
    expect(await refuse(undefined, form({ name: "a" }))).toEqual({ error: "Taken." });
    const nul = validatedAction(schema, async () => {
      throw new Error("Failed query", { cause: Object.assign(new Error("invalid byte sequence"), { code: "22021" }) });
    });
    expect((await nul(undefined, form({ name: "a" })))?.error).toMatch(/NUL character/);
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/t/x;307;" });
    const redirecting = validatedAction(schema, async () => {
      throw redirect;
    });
    await expect(redirecting(undefined, form({ name: "a" }))).rejects.toBe(redirect);
  });
});
