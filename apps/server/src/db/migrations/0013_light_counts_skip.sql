-- Most updates of tasks (progress, last report, dates) move no count: the count triggers return at once for them,
-- without aggregating or planning an insert.
CREATE OR REPLACE FUNCTION "duban_light_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.light, o.lead_unit_id, o.lead_leader_id, o.tags) IS DISTINCT FROM (n.light, n.lead_unit_id, n.lead_leader_id, n.tags)) THEN
    RETURN NULL;
  END IF;
  -- Only rows whose light, lead unit, lead leader or tags changed move a count.
  PERFORM duban_apply_light_counts(
    (SELECT coalesce(jsonb_agg(jsonb_build_object('lead_unit_id', o.lead_unit_id, 'lead_leader_id', o.lead_leader_id,
      'light', o.light, 'tags', to_jsonb(o.tags))), '[]'::jsonb)
     FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.light, o.lead_unit_id, o.lead_leader_id, o.tags) IS DISTINCT FROM (n.light, n.lead_unit_id, n.lead_leader_id, n.tags)),
    (SELECT coalesce(jsonb_agg(jsonb_build_object('lead_unit_id', n.lead_unit_id, 'lead_leader_id', n.lead_leader_id,
      'light', n.light, 'tags', to_jsonb(n.tags))), '[]'::jsonb)
     FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.light, o.lead_unit_id, o.lead_leader_id, o.tags) IS DISTINCT FROM (n.light, n.lead_unit_id, n.lead_leader_id, n.tags)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "duban_cockpit_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE (o."light", o."lead_unit_id", o."tags") IS DISTINCT FROM (n."light", n."lead_unit_id", n."tags")) THEN
    RETURN NULL;
  END IF;
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
END $$;
