import "server-only";
import { isCommonPassword } from "@/server/auth/common-passwords";
import { text } from "@/server/validation/text";

/** A password someone chooses (sign-up, accepting an invitation): long enough and not a common one. */
export const newPasswordSchema = text({ min: 8, max: 200, trim: false, required: "Password must be at least 8 characters" }).refine(
  (password) => !isCommonPassword(password),
  "This password is one of the 10,000 most common ones; choose another",
);
