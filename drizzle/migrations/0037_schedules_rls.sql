-- Schedules are tenant data: RLS enabled and forced, the tenant policy, the app role's grants.
SELECT foresight_enable_tenant_rls('job_schedules'::regclass);
--> statement-breakpoint
-- The scheduler (server/jobs/scheduler.ts) runs as foresight_queue and reads every tenant's
-- schedule and time zone to find due work: read-only, these columns only.
CREATE POLICY queue_read ON job_schedules AS PERMISSIVE FOR SELECT TO foresight_queue USING (true);
--> statement-breakpoint
GRANT SELECT ON job_schedules TO foresight_queue;
--> statement-breakpoint
CREATE POLICY queue_read ON tenants AS PERMISSIVE FOR SELECT TO foresight_queue USING (true);
--> statement-breakpoint
GRANT SELECT (id, timezone) ON tenants TO foresight_queue;
