CREATE TABLE "audit_chain" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_one_row" CHECK ("audit_chain"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "entry_hash" text;--> statement-breakpoint
-- Entries already written keep their hashes (of the first format, over their fields and the previous hash) and
-- take their id as their place in the chain.
ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_append_only;--> statement-breakpoint
UPDATE "audit_log" SET "seq" = "id";--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_append_only;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
-- The entries waiting for their seal: those of transactions still open.
CREATE INDEX "audit_log_unsealed_idx" ON "audit_log" USING btree ("id") WHERE "seq" IS NULL;--> statement-breakpoint
INSERT INTO "audit_chain" ("id", "seq", "hash")
  SELECT 1, coalesce(max("seq"), 0),
    coalesce((SELECT "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1), repeat('0', 64))
  FROM "audit_log";--> statement-breakpoint
-- Entries are sealed as their transaction commits: each takes the next place in the chain, the previous entry's
-- hash, and the hash of that hash followed by its own fields' hash. The chain's row lock is held only from here to
-- the end of the commit, so writers wait for one another only that long. The transaction's first entry seals all of
-- its entries at once, in id order (the chain's row updated once); the others find themselves sealed.
CREATE FUNCTION audit_log_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  place bigint;
  previous text;
  sealed text;
  entry record;
BEGIN
  IF (SELECT a.seq FROM audit_log a WHERE a.id = NEW.id) IS NOT NULL THEN
    RETURN NULL;
  END IF;
  SELECT c.seq, c.hash INTO place, previous FROM audit_chain c WHERE c.id = 1 FOR UPDATE;
  -- Other transactions' unsealed entries are not visible here: only this one's.
  FOR entry IN SELECT a.id, a.entry_hash FROM audit_log a WHERE a.id >= NEW.id AND a.seq IS NULL ORDER BY a.id LOOP
    IF entry.entry_hash IS NULL THEN
      RAISE EXCEPTION 'an audit entry needs its entry_hash';
    END IF;
    place := place + 1;
    sealed := encode(sha256(convert_to(previous || entry.entry_hash, 'UTF8')), 'hex');
    UPDATE audit_log SET seq = place, prev_hash = previous, hash = sealed WHERE id = entry.id;
    previous := sealed;
  END LOOP;
  UPDATE audit_chain SET seq = place, hash = previous WHERE id = 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_log_seal AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_log_seal();--> statement-breakpoint
-- Still append-only: the one change allowed is the seal of an unsealed entry, which touches nothing else.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
    AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_name, NEW.action, NEW.target_type, NEW.target_id, NEW.before,
      NEW.after, NEW.ip, NEW.entry_hash)
    IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_id, OLD.actor_name, OLD.action, OLD.target_type, OLD.target_id,
      OLD.before, OLD.after, OLD.ip, OLD.entry_hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
