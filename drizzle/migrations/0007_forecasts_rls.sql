SELECT foresight_enable_tenant_rls('forecasts'::regclass);
