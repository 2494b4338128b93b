CREATE TABLE "check_in_batches" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"author_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_in_burden" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"week" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"unit_path" text NOT NULL,
	"entries_asked" integer DEFAULT 0 NOT NULL,
	"fields_asked" integer DEFAULT 0 NOT NULL,
	"entries_made" integer DEFAULT 0 NOT NULL,
	"fields_filled" integer DEFAULT 0 NOT NULL,
	"seconds_open" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "check_in_burden_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"on_behalf_of_unit_id" uuid,
	"client_id" uuid,
	"kind" text NOT NULL,
	"notice" text,
	"day" date NOT NULL,
	"week" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"no_change" boolean DEFAULT false NOT NULL,
	"progress_before" integer NOT NULL,
	"progress" integer NOT NULL,
	"done" text,
	"next" text,
	"blocker" text,
	"progress_reason" text,
	"milestone_ids" uuid[] DEFAULT '{}' NOT NULL,
	"photo_ids" uuid[] DEFAULT '{}' NOT NULL,
	"corrects_id" uuid,
	"edited_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "weekly_rollups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"week" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"summary" jsonb NOT NULL,
	"tasks" jsonb NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"annotation" text
);
--> statement-breakpoint
ALTER TABLE "check_in_batches" ADD CONSTRAINT "check_in_batches_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_burden" ADD CONSTRAINT "check_in_burden_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_in_burden" ADD CONSTRAINT "check_in_burden_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_on_behalf_of_unit_id_units_id_fk" FOREIGN KEY ("on_behalf_of_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_client_id_check_in_batches_client_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."check_in_batches"("client_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_rollups" ADD CONSTRAINT "weekly_rollups_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_rollups" ADD CONSTRAINT "weekly_rollups_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "check_in_burden_week_idx" ON "check_in_burden" USING btree ("week","unit_path" collate "C");--> statement-breakpoint
CREATE INDEX "check_ins_task_idx" ON "check_ins" USING btree ("task_id","recorded_at");--> statement-breakpoint
CREATE INDEX "check_ins_author_idx" ON "check_ins" USING btree ("author_id","day");--> statement-breakpoint
CREATE INDEX "check_ins_week_idx" ON "check_ins" USING btree ("week","task_id");--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_rollups_week_unit_idx" ON "weekly_rollups" USING btree ("week","unit_id");