import { serveOpenApiDocument } from "@/server/rest/openapi";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = serveOpenApiDocument;
