import { handlers } from "@/server/auth";
import { authPost } from "@/server/auth/auth-route";

export const runtime = "nodejs";
export const { GET } = handlers;
export const POST = authPost;
