import "server-only";
import { z } from "zod";

/** An email address as typed by people: trimmed and lower-cased before it is checked. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));
