import "server-only";
import { z } from "zod";
import { text } from "@/server/validation/text";

/** An email address as typed by people: trimmed and lower-cased before it is checked. */
export const emailSchema = text({ max: 254 }).transform((v) => v.toLowerCase()).pipe(z.email("Enter a valid email address"));
