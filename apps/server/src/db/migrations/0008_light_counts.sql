CREATE TABLE "light_counts" (
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"light" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "light_counts_dimension_key_light_pk" PRIMARY KEY("dimension","key","light")
);
--> statement-breakpoint
CREATE FUNCTION "duban_light_count_rows"("rows" jsonb, "sign" integer)
RETURNS TABLE ("dimension" text, "key" text, "light" text, "d" integer) LANGUAGE sql IMMUTABLE AS $$
  SELECT 'unit', r->>'lead_unit_id', r->>'light', sign FROM jsonb_array_elements(rows) r WHERE r->>'light' IS NOT NULL
  UNION ALL
  SELECT 'leader', coalesce(r->>'lead_leader_id', ''), r->>'light', sign FROM jsonb_array_elements(rows) r
    WHERE r->>'light' IS NOT NULL
  UNION ALL
  SELECT 'tag', t, r->>'light', sign FROM jsonb_array_elements(rows) r, jsonb_array_elements_text(r->'tags') t
    WHERE r->>'light' IS NOT NULL
$$;--> statement-breakpoint
CREATE FUNCTION "duban_apply_light_counts"("old_rows" jsonb, "new_rows" jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "light_counts" ("dimension", "key", "light", "n")
  SELECT "dimension", "key", "light", sum("d")::int FROM (
    SELECT * FROM duban_light_count_rows(old_rows, -1)
    UNION ALL
    SELECT * FROM duban_light_count_rows(new_rows, 1)
  ) x
  GROUP BY 1, 2, 3 HAVING sum("d") <> 0
  -- One order for every writer, so that two transactions never wait on each other's rows in a cycle.
  ORDER BY 1, 2, 3
  ON CONFLICT ("dimension", "key", "light") DO UPDATE SET "n" = "light_counts"."n" + excluded."n"
$$;--> statement-breakpoint
CREATE FUNCTION "duban_light_counts_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duban_apply_light_counts('[]'::jsonb,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('lead_unit_id', lead_unit_id, 'lead_leader_id', lead_leader_id,
      'light', light, 'tags', to_jsonb(tags))), '[]'::jsonb) FROM new_rows WHERE light IS NOT NULL));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "duban_light_counts_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
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
CREATE FUNCTION "duban_light_counts_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duban_apply_light_counts(
    (SELECT coalesce(jsonb_agg(jsonb_build_object('lead_unit_id', lead_unit_id, 'lead_leader_id', lead_leader_id,
      'light', light, 'tags', to_jsonb(tags))), '[]'::jsonb) FROM old_rows WHERE light IS NOT NULL), '[]'::jsonb);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_light_counts_insert" AFTER INSERT ON "tasks" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_light_counts_insert();--> statement-breakpoint
CREATE TRIGGER "tasks_light_counts_update" AFTER UPDATE ON "tasks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_light_counts_update();--> statement-breakpoint
CREATE TRIGGER "tasks_light_counts_delete" AFTER DELETE ON "tasks" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION duban_light_counts_delete();--> statement-breakpoint
INSERT INTO "light_counts" ("dimension", "key", "light", "n")
SELECT "dimension", "key", "light", sum("d")::int FROM duban_light_count_rows(
  (SELECT coalesce(jsonb_agg(jsonb_build_object('lead_unit_id', lead_unit_id, 'lead_leader_id', lead_leader_id,
    'light', light, 'tags', to_jsonb(tags))), '[]'::jsonb) FROM tasks WHERE light IS NOT NULL), 1)
GROUP BY 1, 2, 3;
