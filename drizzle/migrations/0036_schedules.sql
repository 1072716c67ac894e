CREATE TABLE "job_schedules" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"retrain_frequency" text DEFAULT 'off' NOT NULL,
	"retrain_hour" integer DEFAULT 2 NOT NULL,
	"retrain_weekday" integer DEFAULT 1 NOT NULL,
	"retrain_day_of_month" integer DEFAULT 1 NOT NULL,
	"reforecast_daily" boolean DEFAULT false NOT NULL,
	"reforecast_hour" integer DEFAULT 5 NOT NULL,
	"drift_retrain" boolean DEFAULT false NOT NULL,
	"drift_margin_pct" double precision DEFAULT 25 NOT NULL,
	"drift_hour" integer DEFAULT 6 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_schedules_hours" CHECK ("job_schedules"."retrain_hour" between 0 and 23 and "job_schedules"."reforecast_hour" between 0 and 23 and "job_schedules"."drift_hour" between 0 and 23),
	CONSTRAINT "job_schedules_days" CHECK ("job_schedules"."retrain_weekday" between 0 and 6 and "job_schedules"."retrain_day_of_month" between 1 and 28),
	CONSTRAINT "job_schedules_margin" CHECK ("job_schedules"."drift_margin_pct" > 0 and "job_schedules"."drift_margin_pct" <= 500)
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "job_schedules" ADD CONSTRAINT "job_schedules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_schedules" ADD CONSTRAINT "job_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key" ON "jobs" USING btree ("dedupe_key");