-- The seal runs with its owner's rights, so the role the platform runs as can append to the audit log without being
-- allowed to move the chain itself: it may not write an entry's place or hashes, nor the chain's head (see
-- grantRuntimeRole in platform/db/roles.ts). Its search path is fixed, so no object of another schema can stand in
-- for the tables it writes.
ALTER FUNCTION audit_log_seal() SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp;--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_log_seal() FROM PUBLIC;--> statement-breakpoint
ALTER FUNCTION audit_log_refuse_change() SET search_path = pg_catalog, public, pg_temp;
