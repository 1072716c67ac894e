import { handleAlertStream } from "@/server/http/alert-stream";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleAlertStream(request);
}
