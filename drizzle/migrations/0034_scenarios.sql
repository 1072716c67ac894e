CREATE TABLE "scenarios" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT foresight_uuidv7() NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"model_version_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_by_api_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evaluated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scenarios_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenarios" ADD CONSTRAINT "scenarios_model_fk" FOREIGN KEY ("tenant_id","model_version_id") REFERENCES "public"."model_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scenarios_name_idx" ON "scenarios" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "scenarios_created_idx" ON "scenarios" USING btree ("tenant_id","created_at");