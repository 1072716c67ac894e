CREATE TABLE "reports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT foresight_uuidv7() NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"model_version_id" uuid,
	"created_by_user_id" uuid,
	"created_by_api_key_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"pages" integer NOT NULL,
	"size_bytes" integer NOT NULL,
	"render_ms" double precision NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_model_fk" FOREIGN KEY ("tenant_id","model_version_id") REFERENCES "public"."model_versions"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_created_idx" ON "reports" USING btree ("tenant_id","created_at");