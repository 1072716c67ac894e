import { auth } from "@/server/auth";
import { getDatabase } from "@/server/db";
import { serveBrandImage } from "@/server/rest/brand-image-serve";
import { logoUploadHandler } from "@/server/rest/logo-upload";

export const runtime = "nodejs";

/** Serves a tenant's logo: the uploaded one, else the shipped demo logo in tenants/<slug>/. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return serveBrandImage("logo", request, (await params).slug, { database: await getDatabase(), userId: (await auth())?.user?.id ?? null });
}

const upload = logoUploadHandler({ getDatabase, getUserId: async () => (await auth())?.user?.id ?? null });

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return upload(request, (await params).slug);
}
