SELECT foresight_enable_tenant_rls(t::regclass)
FROM unnest(ARRAY['sales_daily_rollups', 'sales_weekly_rollups']) AS t;
