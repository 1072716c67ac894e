SELECT foresight_enable_tenant_rls('stockout_days'::regclass);
