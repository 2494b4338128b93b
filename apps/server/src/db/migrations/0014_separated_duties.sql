CREATE TABLE "login_throttles" (
	"user_id" uuid NOT NULL,
	"address" text NOT NULL,
	"attempts" integer NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_throttles_user_id_address_pk" PRIMARY KEY("user_id","address")
);
--> statement-breakpoint
CREATE TABLE "privileged_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"opened_by" uuid NOT NULL,
	"opened_role" text NOT NULL,
	"first_half" text,
	"confirmed_by" uuid,
	"confirmed_role" text,
	"state" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "login_throttles" ADD CONSTRAINT "login_throttles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privileged_resets" ADD CONSTRAINT "privileged_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privileged_resets" ADD CONSTRAINT "privileged_resets_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privileged_resets" ADD CONSTRAINT "privileged_resets_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "privileged_resets_open_idx" ON "privileged_resets" USING btree ("user_id") WHERE state = 'open';--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_attempts";--> statement-breakpoint
-- 三员分立 held by the database too: no account holds two of sysAdmin, secAdmin and auditor. The user's row is
-- locked first, so two grants committed at once cannot both pass.
CREATE FUNCTION "duban_role_grants_separated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."role" IN ('sysAdmin', 'secAdmin', 'auditor') THEN
    PERFORM 1 FROM "users" WHERE "id" = NEW."user_id" FOR UPDATE;
    IF EXISTS (SELECT 1 FROM "role_grants" WHERE "user_id" = NEW."user_id" AND "id" <> NEW."id"
        AND "role" IN ('sysAdmin', 'secAdmin', 'auditor') AND "role" <> NEW."role") THEN
      RAISE EXCEPTION 'an account holds at most one of sysAdmin, secAdmin and auditor' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "role_grants_separated" BEFORE INSERT OR UPDATE OF "role", "user_id" ON "role_grants"
  FOR EACH ROW EXECUTE FUNCTION "duban_role_grants_separated"();
