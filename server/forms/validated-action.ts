import { z } from "zod";
import { AppError } from "@/server/errors/app-error";
import { appErrorFromDatabase } from "@/server/errors/database-error";

/** What a form action gives back to `useActionState`: a message for the form and/or per field. */
export type FormState = { error?: string; fieldErrors?: Record<string, string[] | undefined> } | undefined;

/** The form's text fields; files and Next.js's own `$ACTION_…` fields are not inputs of ours. */
function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string" && !key.startsWith("$ACTION")) fields[key] = value;
  return fields;
}

/**
 * The one wrapper for form actions (after nextjs/saas-starter's `validatedAction`): parses the
 * form with `schema` (whose text fields use the shared text schema, so a NUL byte is a field
 * error, not a 500), runs `action` with the parsed data, and turns AppErrors (and database errors
 * that are the user's) into the form's message. Anything else, including the redirect Next.js
 * throws on success, passes through.
 */
export function validatedAction<S extends z.ZodType<Record<string, unknown>>>(
  schema: S,
  action: (data: z.output<S>, formData: FormData) => Promise<FormState | void>,
) {
  return async (_previous: FormState, formData: FormData): Promise<FormState> => {
    const parsed = schema.safeParse(formFields(formData));
    if (!parsed.success) {
      const { formErrors, fieldErrors } = z.flattenError(parsed.error);
      return { error: formErrors[0], fieldErrors };
    }
    try {
      return (await action(parsed.data, formData)) ?? undefined;
    } catch (error) {
      const appError = error instanceof AppError ? error : appErrorFromDatabase(error);
      if (appError) return { error: appError.message };
      throw error;
    }
  };
}
