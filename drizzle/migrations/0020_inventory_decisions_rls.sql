SELECT foresight_enable_tenant_rls(t::regclass)
FROM unnest(ARRAY['inventory_settings', 'action_refreshes', 'category_service_levels', 'actions', 'purchase_order_lines', 'forecast_overrides']) AS t;
