-- Usage records are written once per unit of work and marked when sent to Stripe; Stripe events
-- are append-only (the app role can record an event, never rewrite or forget one).
SELECT foresight_enable_tenant_rls('usage_records'::regclass);
--> statement-breakpoint
SELECT foresight_enable_tenant_rls('stripe_events'::regclass, true);
