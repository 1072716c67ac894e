-- Import history and streamed sale events: tenant tables like the others, append-only for the
-- app role (an import's record is written once, when it ends; an event id is never reused).
SELECT foresight_enable_tenant_rls(t::regclass, true) FROM unnest(ARRAY['imports', 'ingest_events']) AS t;
