-- UUIDv7 (RFC 9562) for ids tenants can see. PostgreSQL 15 and PGlite have no uuidv7() yet
-- (PostgreSQL 18 does). Layout: 48 bits of Unix milliseconds, the version (7), 12 bits of
-- sub-millisecond clock (RFC 9562 method 3, as PostgreSQL 18 does), then the variant and 62 random
-- bits from gen_random_uuid(). Ids sort by creation time down to about a microsecond, and reveal
-- nothing else: no counter shared across tenants.
CREATE OR REPLACE FUNCTION foresight_uuidv7(at timestamptz DEFAULT clock_timestamp()) RETURNS uuid
  LANGUAGE plpgsql VOLATILE
  AS $$
DECLARE
  us bigint := floor(extract(epoch FROM at) * 1000000);
  sub int := ((us % 1000) * 4096 / 1000)::int;
  bytes bytea := uuid_send(gen_random_uuid());
BEGIN
  bytes := overlay(bytes PLACING substring(int8send(us / 1000) FROM 3) FROM 1 FOR 6);
  bytes := set_byte(bytes, 6, 112 | (sub >> 8));
  bytes := set_byte(bytes, 7, sub & 255);
  RETURN encode(bytes, 'hex')::uuid;
END
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION foresight_uuidv7(timestamptz) TO foresight_app, foresight_auth;
