-- Custom domains are tenant data: the app role sees and changes only its own tenant's.
SELECT foresight_enable_tenant_rls('tenant_domains'::regclass);
--> statement-breakpoint
-- Host resolution happens before a tenant is known (the sign-in page of a custom domain), as the
-- identity role: it may read every tenant's domains, and change none.
CREATE POLICY auth_lookup ON tenant_domains AS PERMISSIVE FOR SELECT TO foresight_auth USING (true);
--> statement-breakpoint
GRANT SELECT ON tenant_domains TO foresight_auth;
