-- Roles and row-level security. Hand-written: drizzle-kit cannot express FORCE RLS or grants.
--
-- foresight_app  : every tenant transaction runs as this role (SET LOCAL ROLE) with app.tenant_id set.
-- foresight_auth : identity look-ups before a tenant is known (sign-in, API-key resolution,
--                  invitations, sign-up). It can read identity tables across tenants and nothing else.
-- Neither role can bypass RLS. The connecting user only migrates, seeds and switches into them.
DO $$
BEGIN
  -- Roles are cluster-wide: databases migrated in parallel (tests) may race to create them.
  BEGIN
    CREATE ROLE foresight_app NOLOGIN NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  BEGIN
    CREATE ROLE foresight_auth NOLOGIN NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT foresight_app, foresight_auth TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
-- NULLIF: once a transaction-local setting ends, the GUC reads back as '' rather than NULL.
CREATE OR REPLACE FUNCTION app_current_tenant_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO foresight_app, foresight_auth;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_current_tenant_id() TO foresight_app, foresight_auth;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO foresight_app;
--> statement-breakpoint
-- Every tenant table goes through this one function, so later migrations add tables the same way.
CREATE OR REPLACE FUNCTION foresight_enable_tenant_rls(t regclass, append_only boolean DEFAULT false) RETURNS void
  LANGUAGE plpgsql
  AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s AS PERMISSIVE FOR ALL TO foresight_app '
    'USING (tenant_id = app_current_tenant_id()) WITH CHECK (tenant_id = app_current_tenant_id())', t);
  IF append_only THEN
    EXECUTE format('GRANT SELECT, INSERT ON %s TO foresight_app', t);
  ELSE
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO foresight_app', t);
  END IF;
END
$fn$;
--> statement-breakpoint
SELECT foresight_enable_tenant_rls(t::regclass, t = 'audit_log')
FROM unnest(ARRAY['memberships', 'invitations', 'api_keys', 'audit_log', 'stores', 'items', 'sales',
                  'price_history', 'discounts_history', 'markdowns', 'online', 'inventory']) AS t;
--> statement-breakpoint
-- Identity look-ups across tenants for foresight_auth: read-only, and only these tables.
CREATE POLICY auth_lookup ON memberships AS PERMISSIVE FOR SELECT TO foresight_auth USING (true);
--> statement-breakpoint
CREATE POLICY auth_lookup ON invitations AS PERMISSIVE FOR SELECT TO foresight_auth USING (true);
--> statement-breakpoint
CREATE POLICY auth_lookup ON api_keys AS PERMISSIVE FOR SELECT TO foresight_auth USING (true);
--> statement-breakpoint
GRANT SELECT ON memberships, invitations, api_keys TO foresight_auth;
--> statement-breakpoint
-- Platform tables. tenants: the app role sees and edits only its own tenant row.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_tenant ON tenants AS PERMISSIVE FOR ALL TO foresight_app
  USING (id = app_current_tenant_id()) WITH CHECK (id = app_current_tenant_id());
--> statement-breakpoint
CREATE POLICY auth_lookup ON tenants AS PERMISSIVE FOR ALL TO foresight_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, UPDATE ON tenants TO foresight_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON tenants TO foresight_auth;
--> statement-breakpoint
-- users: the app role sees members of the current tenant (memberships is itself tenant-filtered),
-- and never the password hash (column grant).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_members ON users AS PERMISSIVE FOR SELECT TO foresight_app
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
--> statement-breakpoint
CREATE POLICY auth_lookup ON users AS PERMISSIVE FOR ALL TO foresight_auth USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT (id, email, name, created_at) ON users TO foresight_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO foresight_auth;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_sessions, auth_throttle TO foresight_auth;
