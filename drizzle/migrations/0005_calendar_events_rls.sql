SELECT foresight_enable_tenant_rls('calendar_events'::regclass);
