import { customType } from "drizzle-orm/pg-core";

/** Raw bytes (model artifacts, brand images); both drivers hand them over as Uint8Array. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });
