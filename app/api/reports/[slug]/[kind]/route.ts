import { downloadNewReport } from "@/server/http/report-download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string; kind: string }> }) {
  const { slug, kind } = await params;
  return downloadNewReport(request, slug, kind);
}
