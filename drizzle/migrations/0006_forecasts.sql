CREATE TABLE "forecasts" (
	"tenant_id" uuid NOT NULL,
	"model_version_id" uuid NOT NULL,
	"store_id" text NOT NULL,
	"item_id" text NOT NULL,
	"date" date NOT NULL,
	"p10" double precision NOT NULL,
	"p50" double precision NOT NULL,
	"p90" double precision NOT NULL,
	CONSTRAINT "forecasts_tenant_id_model_version_id_store_id_item_id_date_pk" PRIMARY KEY("tenant_id","model_version_id","store_id","item_id","date")
);
--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_model_fk" FOREIGN KEY ("tenant_id","model_version_id") REFERENCES "public"."model_versions"("tenant_id","id") ON DELETE cascade ON UPDATE no action;