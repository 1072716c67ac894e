import { handleChat } from "@/server/http/assistant-chat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleChat(request);
}
