ALTER TABLE "targets" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- The edit count moves whenever a field a person edits changes, whoever writes it (an edit, a transition, an award,
-- a check-in ticking a milestone); an update that sets the version itself (a new set of allocations) keeps its own.
-- The figures that follow from facts and the clock (progress, lights, pace) do not move it.
CREATE FUNCTION bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version = OLD.version THEN
    NEW.version := OLD.version + 1;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER tasks_bump_version BEFORE UPDATE ON tasks
  FOR EACH ROW WHEN ((OLD.title, OLD.source, OLD.tags, OLD.front_line, OLD.priority, OLD.lead_leader_id,
    OLD.lead_unit_id, OLD.co_unit_ids, OLD.owner_id, OLD.cadence, OLD.start_date, OLD.due_date, OLD.state,
    OLD.charter, OLD.close_summary, OLD.list_id, OLD.parent_id)
    IS DISTINCT FROM (NEW.title, NEW.source, NEW.tags, NEW.front_line, NEW.priority, NEW.lead_leader_id,
    NEW.lead_unit_id, NEW.co_unit_ids, NEW.owner_id, NEW.cadence, NEW.start_date, NEW.due_date, NEW.state,
    NEW.charter, NEW.close_summary, NEW.list_id, NEW.parent_id))
  EXECUTE FUNCTION bump_version();--> statement-breakpoint
CREATE TRIGGER milestones_bump_version BEFORE UPDATE ON milestones
  FOR EACH ROW WHEN ((OLD.seq, OLD.title, OLD.due_date, OLD.deliverable, OLD.weight, OLD.state)
    IS DISTINCT FROM (NEW.seq, NEW.title, NEW.due_date, NEW.deliverable, NEW.weight, NEW.state))
  EXECUTE FUNCTION bump_version();--> statement-breakpoint
CREATE TRIGGER targets_bump_version BEFORE UPDATE ON targets
  FOR EACH ROW WHEN ((OLD.name, OLD.measure, OLD.kind, OLD.direction, OLD.accumulation, OLD.total,
    OLD.monthly_plan, OLD.unit_id, OLD.reporting_unit_id, OLD.note)
    IS DISTINCT FROM (NEW.name, NEW.measure, NEW.kind, NEW.direction, NEW.accumulation, NEW.total,
    NEW.monthly_plan, NEW.unit_id, NEW.reporting_unit_id, NEW.note))
  EXECUTE FUNCTION bump_version();
