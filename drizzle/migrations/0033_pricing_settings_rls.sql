-- Pricing settings are tenant data: RLS enabled and forced, the tenant policy, the app role's grants.
SELECT foresight_enable_tenant_rls('pricing_settings'::regclass);
