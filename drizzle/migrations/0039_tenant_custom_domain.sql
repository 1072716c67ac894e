ALTER TABLE "tenants" ADD COLUMN "custom_domain" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "custom_domain_token" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "custom_domain_status" text;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "custom_domain_set_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "custom_domain_verified_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "tenants_custom_domain_key" ON "tenants" USING btree ("custom_domain");