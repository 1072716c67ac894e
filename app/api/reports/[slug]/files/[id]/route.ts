import { downloadStoredReport } from "@/server/http/report-download";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  return downloadStoredReport(request, slug, id);
}
