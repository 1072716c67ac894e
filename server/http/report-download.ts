import "server-only";
import { ZodError, z } from "zod";
import { auth } from "@/server/auth";
import { clientIp } from "@/server/auth/client-ip";
import { getDatabase } from "@/server/db";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { jsonError } from "@/server/http/json-error";
import { pdfResponse } from "@/server/rest/api-handler";
import type { Actor } from "@/server/services/actor";
import { findMembershipBySlug } from "@/server/services/auth/user-tenants";
import { executiveSummarySchema } from "@/server/services/reports/executive-summary";
import { forecastReportSchema } from "@/server/services/reports/forecast-report";
import { generateReport, getReportFile } from "@/server/services/reports/generate-report";
import { describeIssues } from "@/server/validation/describe-issues";

/** The signed-in member of the tenant `slug` as an actor; 401 signed out, 404 not a member (the same as no such tenant). */
async function sessionActor(request: Request, slug: string): Promise<Actor> {
  const session = await auth();
  if (!session?.user) throw new AppError("unauthorized:session", "Sign in to download reports.");
  const membership = await findMembershipBySlug(await getDatabase(), session.user.id, slug);
  if (!membership) throw new AppError("not_found:tenant", "No such workspace.");
  return { tenantId: membership.id, userId: session.user.id, role: membership.role, ip: clientIp(request.headers) };
}

function failure(error: unknown): Response {
  if (error instanceof AppError) return jsonError(error);
  if (error instanceof ZodError) return jsonError({ status: 400, code: "bad_request:validation", message: describeIssues(error) });
  console.error("report download failed:", error);
  return jsonError({ status: 500, code: "internal", message: "Something went wrong on our side." });
}

/** `GET /api/reports/<slug>/<forecast|executive>?…`: generates, records and downloads a report as the signed-in member. */
export async function downloadNewReport(request: Request, slug: string, kind: string): Promise<Response> {
  try {
    const actor = await sessionActor(request, slug);
    // An HTML form sends an empty field for "All stores"; absent and empty mean the same here.
    const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    if (kind === "forecast") {
      const query = forecastReportSchema.strict().parse({ ...params, ...(params.days ? { days: Number(params.days) } : {}) });
      return pdfResponse(await generateReport(await getDatabase(), actor, { kind, params: query }));
    }
    if (kind === "executive") return pdfResponse(await generateReport(await getDatabase(), actor, { kind, params: executiveSummarySchema.parse(params) }));
    throw new AppError("not_found:report_kind", `There is no ${kind} report; use forecast or executive.`);
  } catch (error) {
    return failure(error);
  }
}

/** `GET /api/reports/<slug>/files/<id>`: a stored report again, exactly as generated. */
export async function downloadStoredReport(request: Request, slug: string, id: string): Promise<Response> {
  try {
    const actor = await sessionActor(request, slug);
    const reportId = z.uuid("not a report id").parse(id);
    const file = await withTenant(await getDatabase(), actor.tenantId, (tx) => getReportFile(tx, reportId));
    return pdfResponse({ bytes: file.bytes, filename: `${slug}-${file.kind}-${file.createdAt.toISOString().slice(0, 10)}.pdf` });
  } catch (error) {
    return failure(error);
  }
}

