import { createTrpcHttpHandler } from "@/server/api/http-handler";
import { createRequestContext } from "@/server/api/request-context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = createTrpcHttpHandler((request) => createRequestContext(request.headers));

export { handler as GET, handler as POST };
