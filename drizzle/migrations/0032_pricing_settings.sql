CREATE TABLE "pricing_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"max_step" double precision DEFAULT 0.1 NOT NULL,
	"min_margin" double precision DEFAULT 0.15 NOT NULL,
	"price_endings" jsonb DEFAULT '[0.49,0.99]'::jsonb NOT NULL,
	"salvage_rate" double precision DEFAULT 0.2 NOT NULL,
	"markdown_ladder" jsonb DEFAULT '[0,0.1,0.2,0.3,0.4,0.5,0.7]'::jsonb NOT NULL,
	"min_weeks_per_step" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pricing_settings" ADD CONSTRAINT "pricing_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;