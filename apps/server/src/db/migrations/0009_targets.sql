CREATE TABLE "target_actuals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"month" integer NOT NULL,
	"value" numeric(16, 2) NOT NULL,
	"note" text,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"target_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"actual" numeric(16, 2),
	"last_month" integer,
	"pace_month" integer DEFAULT 0 NOT NULL,
	"done_share" real DEFAULT 0 NOT NULL,
	"expected_share" real DEFAULT 0 NOT NULL,
	"behind" real DEFAULT 0 NOT NULL,
	"light" text DEFAULT 'green' NOT NULL,
	"light_since" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "target_light_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"target_id" uuid NOT NULL,
	"allocation_id" uuid,
	"light" text NOT NULL,
	"previous" text,
	"facts" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"cause" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"measure" text NOT NULL,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"accumulation" text NOT NULL,
	"total" numeric(16, 2) NOT NULL,
	"monthly_plan" jsonb,
	"unit_id" uuid NOT NULL,
	"reporting_unit_id" uuid,
	"note" text,
	"actual" numeric(16, 2),
	"last_month" integer,
	"pace_month" integer DEFAULT 0 NOT NULL,
	"done_share" real DEFAULT 0 NOT NULL,
	"expected_share" real DEFAULT 0 NOT NULL,
	"behind" real DEFAULT 0 NOT NULL,
	"light" text DEFAULT 'green' NOT NULL,
	"light_since" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "target_actuals" ADD CONSTRAINT "target_actuals_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD CONSTRAINT "target_actuals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_actuals" ADD CONSTRAINT "target_actuals_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_allocations" ADD CONSTRAINT "target_allocations_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_allocations" ADD CONSTRAINT "target_allocations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_light_history" ADD CONSTRAINT "target_light_history_target_id_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_light_history" ADD CONSTRAINT "target_light_history_allocation_id_target_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."target_allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_reporting_unit_id_units_id_fk" FOREIGN KEY ("reporting_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "target_actuals_target_unit_month_idx" ON "target_actuals" USING btree ("target_id","unit_id","month");--> statement-breakpoint
CREATE UNIQUE INDEX "target_allocations_target_unit_idx" ON "target_allocations" USING btree ("target_id","unit_id");--> statement-breakpoint
CREATE INDEX "target_allocations_path_idx" ON "target_allocations" USING btree ("unit_path" collate "C","target_id");--> statement-breakpoint
CREATE INDEX "target_light_history_idx" ON "target_light_history" USING btree ("target_id","allocation_id","id");--> statement-breakpoint
CREATE INDEX "targets_year_idx" ON "targets" USING btree ("year","name");--> statement-breakpoint
CREATE UNIQUE INDEX "targets_year_name_idx" ON "targets" USING btree ("unit_id","year","name");