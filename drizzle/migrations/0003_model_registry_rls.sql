SELECT foresight_enable_tenant_rls(t::regclass)
FROM unnest(ARRAY['model_artifacts', 'model_versions', 'experiment_runs']) AS t;
