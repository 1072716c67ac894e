CREATE TABLE "sales_daily_rollups" (
	"tenant_id" uuid NOT NULL,
	"date" date NOT NULL,
	"store_id" text NOT NULL,
	"category" text NOT NULL,
	"units" double precision NOT NULL,
	"revenue" double precision NOT NULL,
	"cost" double precision NOT NULL,
	"sales_rows" integer NOT NULL,
	CONSTRAINT "sales_daily_rollups_tenant_id_date_store_id_category_pk" PRIMARY KEY("tenant_id","date","store_id","category")
);
--> statement-breakpoint
CREATE TABLE "sales_weekly_rollups" (
	"tenant_id" uuid NOT NULL,
	"week" date NOT NULL,
	"store_id" text NOT NULL,
	"category" text NOT NULL,
	"units" double precision NOT NULL,
	"revenue" double precision NOT NULL,
	"cost" double precision NOT NULL,
	"sales_rows" integer NOT NULL,
	CONSTRAINT "sales_weekly_rollups_tenant_id_week_store_id_category_pk" PRIMARY KEY("tenant_id","week","store_id","category")
);
--> statement-breakpoint
ALTER TABLE "sales_daily_rollups" ADD CONSTRAINT "sales_daily_rollups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_daily_rollups" ADD CONSTRAINT "sales_daily_rollups_store_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_weekly_rollups" ADD CONSTRAINT "sales_weekly_rollups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_weekly_rollups" ADD CONSTRAINT "sales_weekly_rollups_store_fk" FOREIGN KEY ("tenant_id","store_id") REFERENCES "public"."stores"("tenant_id","id") ON DELETE no action ON UPDATE no action;