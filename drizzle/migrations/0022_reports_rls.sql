-- Reports are a record (who generated what, when): the app may read and add them, never change or delete them.
SELECT foresight_enable_tenant_rls('reports'::regclass, true);
