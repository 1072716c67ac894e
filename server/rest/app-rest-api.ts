import { getDatabase } from "@/server/db";
import { requestRateLimiter } from "@/server/http/rate-limit";
import { createRestApi } from "./endpoints";

/** The REST handlers of the running app: the shared database and the process's request budget. */
export const restApi = createRestApi({ getDatabase, rateLimiter: requestRateLimiter() });
