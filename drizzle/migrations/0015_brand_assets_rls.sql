-- Uploaded brand images are tenant data like any other.
SELECT foresight_enable_tenant_rls('brand_assets'::regclass);
