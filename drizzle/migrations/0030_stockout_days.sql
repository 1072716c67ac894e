CREATE TABLE "stockout_days" (
	"tenant_id" uuid NOT NULL,
	"date" date NOT NULL,
	"store_id" text NOT NULL,
	"item_id" text NOT NULL,
	CONSTRAINT "stockout_days_tenant_id_store_id_item_id_date_pk" PRIMARY KEY("tenant_id","store_id","item_id","date")
);
--> statement-breakpoint
ALTER TABLE "inventory_settings" ADD COLUMN "expedite_lead_time_days" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory_settings" ADD COLUMN "expedite_cost_per_unit" numeric(12, 2) DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "stockout_days" ADD CONSTRAINT "stockout_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stockout_days" ADD CONSTRAINT "stockout_days_store_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stockout_days" ADD CONSTRAINT "stockout_days_item_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stockout_days_date_idx" ON "stockout_days" USING btree ("tenant_id","date");