CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"task_id" uuid NOT NULL,
	"step" text NOT NULL,
	"origin" text NOT NULL,
	"episode" timestamp with time zone,
	"raised_by" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text,
	"recipient_ids" uuid[] NOT NULL,
	"answer_due_on" date,
	"state" text DEFAULT 'open' NOT NULL,
	"answer" jsonb,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"outcome" text,
	"outcome_by" uuid,
	"outcome_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "light_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"light" text,
	"previous" text,
	"rules" text[] NOT NULL,
	"facts" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"cause" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "light" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "light_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "assigned_on" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "last_report_on" date;--> statement-breakpoint
ALTER TABLE "calendar_days" ADD CONSTRAINT "calendar_days_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "light_history" ADD CONSTRAINT "light_history_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalations_task_idx" ON "escalations" USING btree ("task_id","raised_at");--> statement-breakpoint
CREATE INDEX "escalations_state_idx" ON "escalations" USING btree ("state","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_episode_idx" ON "escalations" USING btree ("task_id","step","episode") WHERE "escalations"."episode" is not null;--> statement-breakpoint
CREATE INDEX "light_history_task_idx" ON "light_history" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "tasks_light_idx" ON "tasks" USING btree ("light");--> statement-breakpoint
UPDATE "tasks" t SET "assigned_on" = e.day
FROM (
  SELECT "task_id", max(("at" AT TIME ZONE 'Asia/Shanghai')::date) AS day FROM "task_events" WHERE "action" = 'assign' GROUP BY "task_id"
) e
WHERE e."task_id" = t."id";--> statement-breakpoint
UPDATE "tasks" t SET "last_report_on" = r.day
FROM (
  SELECT "task_id", max(day) AS day FROM (
    SELECT "task_id", "day" FROM "check_ins"
    UNION ALL
    SELECT "task_id", ("at" AT TIME ZONE 'Asia/Shanghai')::date FROM "task_events" WHERE "action" IN ('acknowledge', 'reopen')
  ) x GROUP BY "task_id"
) r
WHERE r."task_id" = t."id";
