-- Saved scenarios are tenant data like any other: RLS enabled and forced, the tenant policy, the app role's grants.
SELECT foresight_enable_tenant_rls('scenarios'::regclass);
