-- Alerts and their rules are tenant data: RLS enabled and forced, the tenant policy, the app role's grants.
SELECT foresight_enable_tenant_rls(t::regclass)
FROM unnest(ARRAY['alerts', 'alert_rules']) AS t;
