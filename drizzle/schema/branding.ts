import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { tenants } from "./platform";

export const BRAND_ASSET_KINDS = ["logo", "favicon"] as const;
export type BrandAssetKind = (typeof BRAND_ASSET_KINDS)[number];
export const BRAND_IMAGE_TYPES = ["image/png", "image/svg+xml", "image/x-icon"] as const;

/** Uploaded brand images, already validated (PNG, ICO) or sanitised (SVG) before they are stored. */
export const brandAssets = pgTable(
  "brand_assets",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: BRAND_ASSET_KINDS }).notNull(),
    contentType: text("content_type", { enum: BRAND_IMAGE_TYPES }).notNull(),
    bytes: bytea("bytes").notNull(),
    sha256: text("sha256").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind] })],
);

export type BrandAsset = typeof brandAssets.$inferSelect;
export type NewBrandAsset = typeof brandAssets.$inferInsert;
