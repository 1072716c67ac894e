-- An owner deletes their own tenant as the app role: the own_tenant policy (FOR ALL, id = the
-- current tenant) lets it delete that one row and no other; foreign keys cascade to every tenant table.
GRANT DELETE ON tenants TO foresight_app;
--> statement-breakpoint
-- The record of a deletion is written in the same transaction and never read or changed by the app.
ALTER TABLE tenant_deletions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenant_deletions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY record_own_deletion ON tenant_deletions AS PERMISSIVE FOR INSERT TO foresight_app
  WITH CHECK (deleted_tenant_id = (SELECT app_current_tenant_id()));
--> statement-breakpoint
GRANT INSERT ON tenant_deletions TO foresight_app;
