import { getDatabase } from "@/server/db";
import { createRestApi } from "@/server/rest/endpoints";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = createRestApi({ getDatabase }).listStores;
