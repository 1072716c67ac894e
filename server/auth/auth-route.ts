import "server-only";
import { NextRequest } from "next/server";
import { AppError } from "@/server/errors/app-error";
import { FORM_BODY_LIMIT_BYTES, readLimitedText } from "@/server/http/body-limit";
import { jsonError } from "@/server/http/json-error";
import { handlers } from "./index";

/**
 * `POST /api/auth/*` (the credentials callback scripts use, sign-out): the form body is read with
 * the form limit before Auth.js sees it, which would otherwise read any size.
 */
export async function authPost(request: NextRequest): Promise<Response> {
  let body: string;
  try {
    body = await readLimitedText(request, FORM_BODY_LIMIT_BYTES, "sign-in forms");
  } catch (error) {
    if (error instanceof AppError) return jsonError(error);
    throw error;
  }
  return handlers.POST(new NextRequest(request.url, { method: "POST", headers: request.headers, body }));
}
