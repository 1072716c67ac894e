import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { serveBrandImage } from "@/server/rest/brand-image-serve";
import { brandImageUploadHandler } from "@/server/rest/logo-upload";

export const runtime = "nodejs";

/** Serves a tenant's uploaded favicon (pages without one link the default icon instead). */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return serveBrandImage("favicon", request, (await params).slug, { database: await getDatabase(), userId: (await auth())?.user?.id ?? null });
}

const upload = brandImageUploadHandler("favicon", { getDatabase, getUserId: async () => (await auth())?.user?.id ?? null });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return upload(request, (await params).slug);
}
