-- The job queue's role. `jobs` is not a tenant table (workers claim across tenants), so it has no
-- RLS; instead neither foresight_app nor foresight_auth may touch it, and queue statements run in
-- their own short transactions as foresight_queue (server/jobs/queue.ts), which may read, add and
-- update jobs and nothing else. No DELETE: the history stays (tenant deletion cascades as the owner).
DO $$
DECLARE
  login name;
BEGIN
  BEGIN
    CREATE ROLE foresight_queue NOLOGIN NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT foresight_queue TO %I', current_user);
  END IF;
  -- Login roles made before this migration (members of foresight_app) may switch into it too.
  FOR login IN
    SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid
     WHERE g.rolname = 'foresight_app' AND r.rolcanlogin
  LOOP
    EXECUTE format('GRANT foresight_queue TO %I', login);
  END LOOP;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO foresight_queue;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON jobs TO foresight_queue;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION foresight_uuidv7(timestamptz) TO foresight_queue;
