CREATE TABLE "allocation_light_counts" (
	"target_id" uuid NOT NULL,
	"light" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "allocation_light_counts_target_id_light_pk" PRIMARY KEY("target_id","light")
);
--> statement-breakpoint
CREATE TABLE "escalation_counts" (
	"key" text NOT NULL,
	"state" text NOT NULL,
	"step" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "escalation_counts_key_state_step_day_pk" PRIMARY KEY("key","state","step","day")
);
--> statement-breakpoint
CREATE TABLE "unit_tag_light_counts" (
	"unit_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"light" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "unit_tag_light_counts_unit_id_tag_light_pk" PRIMARY KEY("unit_id","tag","light")
);
--> statement-breakpoint
CREATE INDEX "weekly_rollups_unit_idx" ON "weekly_rollups" USING btree ("unit_id","week");--> statement-breakpoint
CREATE INDEX "task_notes_kind_idx" ON "task_notes" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "task_notes_instruction_idx" ON "task_notes" USING btree ("task_id","created_at") WHERE "task_notes"."kind" = 'instruction';--> statement-breakpoint
CREATE INDEX "task_units_lead_path_idx" ON "task_units" USING btree ("unit_path" collate "C","task_id") WHERE "task_units"."is_lead";--> statement-breakpoint
CREATE FUNCTION "duban_allocation_light_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "allocation_light_counts" ("target_id", "light", "n")
  SELECT "target_id", "light", count(*)::int FROM new_rows GROUP BY 1, 2
  -- One order for every writer, so that two transactions never wait on each other's rows in a cycle.
  ORDER BY 1, 2
  ON CONFLICT ("target_id", "light") DO UPDATE SET "n" = "allocation_light_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "duban_allocation_light_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose light (or target) changed move a count.
  INSERT INTO "allocation_light_counts" ("target_id", "light", "n")
  SELECT "target_id", "light", sum("d")::int FROM (
    SELECT o."target_id", o."light", -1 AS "d" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE (o."target_id", o."light") IS DISTINCT FROM (n."target_id", n."light")
    UNION ALL
    SELECT n."target_id", n."light", 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE (o."target_id", o."light") IS DISTINCT FROM (n."target_id", n."light")
  ) x
  GROUP BY 1, 2 HAVING sum("d") <> 0
  ORDER BY 1, 2
  ON CONFLICT ("target_id", "light") DO UPDATE SET "n" = "allocation_light_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "duban_allocation_light_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "allocation_light_counts" ("target_id", "light", "n")
  SELECT "target_id", "light", -count(*)::int FROM old_rows GROUP BY 1, 2
  ORDER BY 1, 2
  ON CONFLICT ("target_id", "light") DO UPDATE SET "n" = "allocation_light_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "target_allocations_light_counts_insert" AFTER INSERT ON "target_allocations"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_allocation_light_counts_insert();--> statement-breakpoint
CREATE TRIGGER "target_allocations_light_counts_update" AFTER UPDATE ON "target_allocations"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_allocation_light_counts_update();--> statement-breakpoint
CREATE TRIGGER "target_allocations_light_counts_delete" AFTER DELETE ON "target_allocations"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION duban_allocation_light_counts_delete();--> statement-breakpoint
INSERT INTO "allocation_light_counts" ("target_id", "light", "n")
SELECT "target_id", "light", count(*)::int FROM "target_allocations" GROUP BY 1, 2;
--> statement-breakpoint
CREATE FUNCTION "duban_unit_tag_light_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "unit_tag_light_counts" ("unit_id", "tag", "light", "n")
  SELECT "lead_unit_id", "tag", "light", count(*)::int FROM new_rows CROSS JOIN unnest("tags") "tag"
  WHERE "light" IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("unit_id", "tag", "light") DO UPDATE SET "n" = "unit_tag_light_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "duban_unit_tag_light_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "unit_tag_light_counts" ("unit_id", "tag", "light", "n")
  SELECT "lead_unit_id", "tag", "light", -count(*)::int FROM old_rows CROSS JOIN unnest("tags") "tag"
  WHERE "light" IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("unit_id", "tag", "light") DO UPDATE SET "n" = "unit_tag_light_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
-- The day an escalation step is counted under: the day it was sent for a reminder, else the day its answer is due.
CREATE FUNCTION "duban_escalation_count_day"("state" text, "raised_at" timestamptz, "answer_due_on" date)
RETURNS date LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN "state" = 'sent' THEN ("raised_at" AT TIME ZONE 'Asia/Shanghai')::date
    ELSE coalesce("answer_due_on", 'infinity'::date) END
$$;--> statement-breakpoint
CREATE FUNCTION "duban_escalation_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "escalation_counts" ("key", "state", "step", "day", "n")
  SELECT k."key", e."state", e."step", duban_escalation_count_day(e."state", e."raised_at", e."answer_due_on"),
    count(*)::int
  FROM new_rows e JOIN "tasks" t ON t."id" = e."task_id" CROSS JOIN LATERAL (VALUES (t."lead_unit_id"::text), ('')) k("key")
  WHERE e."state" IN ('open', 'sent')
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("key", "state", "step", "day") DO UPDATE SET "n" = "escalation_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "duban_escalation_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only steps whose state, rung, days or task changed move a count (an answer, an outcome, a climb).
  INSERT INTO "escalation_counts" ("key", "state", "step", "day", "n")
  SELECT "key", "state", "step", "day", sum("d")::int FROM (
    SELECT k."key", o."state", o."step", duban_escalation_count_day(o."state", o."raised_at", o."answer_due_on") AS "day",
      -1 AS "d"
    FROM old_rows o JOIN new_rows n ON n."id" = o."id" JOIN "tasks" t ON t."id" = o."task_id"
      CROSS JOIN LATERAL (VALUES (t."lead_unit_id"::text), ('')) k("key")
    WHERE o."state" IN ('open', 'sent') AND (o."task_id", o."state", o."step", o."raised_at", o."answer_due_on")
      IS DISTINCT FROM (n."task_id", n."state", n."step", n."raised_at", n."answer_due_on")
    UNION ALL
    SELECT k."key", n."state", n."step", duban_escalation_count_day(n."state", n."raised_at", n."answer_due_on"), 1
    FROM old_rows o JOIN new_rows n ON n."id" = o."id" JOIN "tasks" t ON t."id" = n."task_id"
      CROSS JOIN LATERAL (VALUES (t."lead_unit_id"::text), ('')) k("key")
    WHERE n."state" IN ('open', 'sent') AND (o."task_id", o."state", o."step", o."raised_at", o."answer_due_on")
      IS DISTINCT FROM (n."task_id", n."state", n."step", n."raised_at", n."answer_due_on")
  ) x
  GROUP BY 1, 2, 3, 4 HAVING sum("d") <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("key", "state", "step", "day") DO UPDATE SET "n" = "escalation_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "duban_escalation_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "escalation_counts" ("key", "state", "step", "day", "n")
  SELECT k."key", e."state", e."step", duban_escalation_count_day(e."state", e."raised_at", e."answer_due_on"),
    -count(*)::int
  FROM old_rows e JOIN "tasks" t ON t."id" = e."task_id" CROSS JOIN LATERAL (VALUES (t."lead_unit_id"::text), ('')) k("key")
  WHERE e."state" IN ('open', 'sent')
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("key", "state", "step", "day") DO UPDATE SET "n" = "escalation_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "duban_cockpit_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A task's tags per lead unit: only rows whose light, lead unit or tags changed move a count.
  INSERT INTO "unit_tag_light_counts" ("unit_id", "tag", "light", "n")
  SELECT "unit_id", "tag", "light", sum("d")::int FROM (
    SELECT o."lead_unit_id" AS "unit_id", "tag", o."light", -1 AS "d"
    FROM old_rows o JOIN new_rows n ON n."id" = o."id" CROSS JOIN unnest(o."tags") "tag"
    WHERE o."light" IS NOT NULL
      AND (o."light", o."lead_unit_id", o."tags") IS DISTINCT FROM (n."light", n."lead_unit_id", n."tags")
    UNION ALL
    SELECT n."lead_unit_id", "tag", n."light", 1
    FROM old_rows o JOIN new_rows n ON n."id" = o."id" CROSS JOIN unnest(n."tags") "tag"
    WHERE n."light" IS NOT NULL
      AND (o."light", o."lead_unit_id", o."tags") IS DISTINCT FROM (n."light", n."lead_unit_id", n."tags")
  ) x
  GROUP BY 1, 2, 3 HAVING sum("d") <> 0 ORDER BY 1, 2, 3
  ON CONFLICT ("unit_id", "tag", "light") DO UPDATE SET "n" = "unit_tag_light_counts"."n" + excluded."n";
  -- A task moved to another lead unit takes its waiting steps along.
  INSERT INTO "escalation_counts" ("key", "state", "step", "day", "n")
  SELECT "key", "state", "step", "day", sum("d")::int FROM (
    SELECT o."lead_unit_id"::text AS "key", e."state", e."step",
      duban_escalation_count_day(e."state", e."raised_at", e."answer_due_on") AS "day", -1 AS "d"
    FROM old_rows o JOIN new_rows n ON n."id" = o."id" AND n."lead_unit_id" <> o."lead_unit_id"
      JOIN "escalations" e ON e."task_id" = o."id"
    WHERE e."state" IN ('open', 'sent')
    UNION ALL
    SELECT n."lead_unit_id"::text, e."state", e."step",
      duban_escalation_count_day(e."state", e."raised_at", e."answer_due_on"), 1
    FROM old_rows o JOIN new_rows n ON n."id" = o."id" AND n."lead_unit_id" <> o."lead_unit_id"
      JOIN "escalations" e ON e."task_id" = o."id"
    WHERE e."state" IN ('open', 'sent')
  ) x
  GROUP BY 1, 2, 3, 4 HAVING sum("d") <> 0 ORDER BY 1, 2, 3, 4
  ON CONFLICT ("key", "state", "step", "day") DO UPDATE SET "n" = "escalation_counts"."n" + excluded."n";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_unit_tag_light_counts_insert" AFTER INSERT ON "tasks" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_unit_tag_light_counts_insert();--> statement-breakpoint
CREATE TRIGGER "tasks_cockpit_counts_update" AFTER UPDATE ON "tasks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_cockpit_counts_update();--> statement-breakpoint
CREATE TRIGGER "tasks_unit_tag_light_counts_delete" AFTER DELETE ON "tasks" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_unit_tag_light_counts_delete();--> statement-breakpoint
CREATE TRIGGER "escalations_counts_insert" AFTER INSERT ON "escalations" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_escalation_counts_insert();--> statement-breakpoint
CREATE TRIGGER "escalations_counts_update" AFTER UPDATE ON "escalations"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_escalation_counts_update();--> statement-breakpoint
CREATE TRIGGER "escalations_counts_delete" AFTER DELETE ON "escalations" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_escalation_counts_delete();--> statement-breakpoint
INSERT INTO "unit_tag_light_counts" ("unit_id", "tag", "light", "n")
SELECT "lead_unit_id", "tag", "light", count(*)::int FROM "tasks" CROSS JOIN unnest("tags") "tag"
WHERE "light" IS NOT NULL GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "escalation_counts" ("key", "state", "step", "day", "n")
SELECT k."key", e."state", e."step", duban_escalation_count_day(e."state", e."raised_at", e."answer_due_on"),
  count(*)::int
FROM "escalations" e JOIN "tasks" t ON t."id" = e."task_id"
  CROSS JOIN LATERAL (VALUES (t."lead_unit_id"::text), ('')) k("key")
WHERE e."state" IN ('open', 'sent')
GROUP BY 1, 2, 3, 4;
