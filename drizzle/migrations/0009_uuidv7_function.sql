-- UUIDv7 (RFC 9562) for ids tenants can see. PostgreSQL 15 and PGlite have no uuidv7() yet
-- (PostgreSQL 18 does). Layout: 48 bits of Unix milliseconds, the version (7), 12 bits of
-- sub-millisecond clock (RFC 9562 method 3, as PostgreSQL 18 does), then the variant and 62 random
-- bits from gen_random_uuid(). Ids reveal nothing else: no counter shared across tenants.
-- Called without a time, ids from one session are strictly increasing, as PostgreSQL 18 makes
-- them: PGlite's clock only has millisecond resolution, so two ids in one millisecond would
-- otherwise be ordered by their random bits. The last microsecond used lives in a session setting.
CREATE OR REPLACE FUNCTION foresight_uuidv7(at timestamptz DEFAULT NULL) RETURNS uuid
  LANGUAGE plpgsql VOLATILE
  AS $$
DECLARE
  us bigint;
  last_us bigint;
  sub int;
  bytes bytea := uuid_send(gen_random_uuid());
BEGIN
  IF at IS NULL THEN
    us := floor(extract(epoch FROM clock_timestamp()) * 1000000);
    last_us := coalesce(nullif(current_setting('foresight.uuidv7_last_us', true), '')::bigint, 0);
    IF us <= last_us THEN
      us := last_us + 1;
    END IF;
    PERFORM set_config('foresight.uuidv7_last_us', us::text, false);
  ELSE
    us := floor(extract(epoch FROM at) * 1000000);
  END IF;
  sub := ((us % 1000) * 4096 / 1000)::int;
  bytes := overlay(bytes PLACING substring(int8send(us / 1000) FROM 3) FROM 1 FOR 6);
  bytes := set_byte(bytes, 6, 112 | (sub >> 8));
  bytes := set_byte(bytes, 7, sub & 255);
  RETURN encode(bytes, 'hex')::uuid;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION foresight_uuidv7(timestamptz) TO foresight_app, foresight_auth;
