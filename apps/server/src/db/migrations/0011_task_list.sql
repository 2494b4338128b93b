ALTER TABLE "task_units" ADD COLUMN "state" text;--> statement-breakpoint
ALTER TABLE "task_units" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "task_units" ADD COLUMN "is_top" boolean;--> statement-breakpoint
-- Each row carries its task's state, due date and top-ness: filled on insert, followed on every change of the task.
UPDATE "task_units" tu SET "state" = t."state", "due_date" = t."due_date", "is_top" = t."parent_id" IS NULL
  FROM "tasks" t WHERE t."id" = tu."task_id";--> statement-breakpoint
CREATE FUNCTION task_units_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.state, t.due_date, t.parent_id IS NULL INTO NEW.state, NEW.due_date, NEW.is_top
    FROM tasks t WHERE t.id = NEW.task_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER task_units_fill BEFORE INSERT OR UPDATE OF task_id ON task_units
  FOR EACH ROW EXECUTE FUNCTION task_units_fill();--> statement-breakpoint
CREATE FUNCTION task_units_follow_task() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task_units SET state = NEW.state, due_date = NEW.due_date, is_top = NEW.parent_id IS NULL
    WHERE task_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER task_units_follow_task AFTER UPDATE OF state, due_date, parent_id ON tasks
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.due_date IS DISTINCT FROM NEW.due_date
    OR OLD.parent_id IS DISTINCT FROM NEW.parent_id)
  EXECUTE FUNCTION task_units_follow_task();--> statement-breakpoint
CREATE INDEX "task_units_list_idx" ON "task_units" USING btree ("unit_path" collate "C","state","due_date","task_id","is_top");