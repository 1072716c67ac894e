-- The policies compared tenant_id with app_current_tenant_id() row by row; as a sub-select the
-- planner evaluates it once per query (an InitPlan) and can use it in (tenant_id, …) index scans.
CREATE OR REPLACE FUNCTION foresight_enable_tenant_rls(t regclass, append_only boolean DEFAULT false) RETURNS void
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s AS PERMISSIVE FOR ALL TO foresight_app '
    'USING (tenant_id = (SELECT app_current_tenant_id())) WITH CHECK (tenant_id = (SELECT app_current_tenant_id()))', t);
  IF append_only THEN
    EXECUTE format('GRANT SELECT, INSERT ON %s TO foresight_app', t);
  ELSE
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO foresight_app', t);
  END IF;
END
$fn$;
--> statement-breakpoint
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT polrelid::regclass AS t FROM pg_policy WHERE polname = 'tenant_isolation' LOOP
    EXECUTE format('ALTER POLICY tenant_isolation ON %s USING (tenant_id = (SELECT app_current_tenant_id())) WITH CHECK (tenant_id = (SELECT app_current_tenant_id()))', r.t);
  END LOOP;
END
$$;
