import { restApi } from "@/server/rest/app-rest-api";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = restApi.listAlerts;
