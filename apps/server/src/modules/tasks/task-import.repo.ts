import type { TTaskInput } from '@duban/domain';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { milestones, taskEvents, tasks, taskUnits, units, users } from '../../db/schema/index.ts';
import type { TQueryable, TTx } from '../../platform/db/client.ts';

/** Every unit, with what resolving units by name needs. */
export function listUnitsForImport(db: TQueryable) {
  return db
    .select({
      id: units.id,
      parentId: units.parentId,
      name: units.name,
      path: units.path,
      isActive: units.isActive,
      sortOrder: units.sortOrder,
    })
    .from(units)
    .orderBy(asc(units.sortOrder), asc(units.name));
}
export type TImportUnit = Awaited<ReturnType<typeof listUnitsForImport>>[number];

// Spelled out: drizzle leaves a single-table query's columns unqualified, which a sub-query would misread.
const isLeader = sql<boolean>`exists (select 1 from role_grants g where g.user_id = users.id and g.role = 'leader')`;

const personSelection = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitPath: users.unitPath,
  isActive: users.isActive,
  isLeader,
};

/** The people whose username (any case) or display name is one of the names, each with whether they lead. */
export async function findPeopleByNames(db: TQueryable, names: string[]) {
  if (names.length === 0) return [];
  const lowered = [...new Set(names.map((n) => n.toLowerCase()))];
  return db
    .select(personSelection)
    .from(users)
    .where(
      sql`lower(${users.username}) = any(${sql.param(lowered)}::text[]) or ${users.displayName} = any(${sql.param(names)}::text[])`,
    );
}
export type TImportPerson = Awaited<ReturnType<typeof findPeopleByNames>>[number];

/** The active people holding the leader role, by name. */
export function listActiveLeaders(db: TQueryable) {
  return db
    .select(personSelection)
    .from(users)
    .where(and(eq(users.isActive, true), isLeader))
    .orderBy(asc(users.displayName));
}

/** A validated row of an import, ready to be written as a draft task. */
export interface TImportedTask {
  id: string;
  input: TTaskInput;
  /** The task's lead unit and co-units with their paths (its task_units rows). */
  units: { unitId: string; unitPath: string; isLead: boolean }[];
}

/** Rows per INSERT statement: each column travels as one array parameter, so a statement's size is fixed. */
const CHUNK = 5_000;

/** A column written from an array parameter: its name, its element type, and how to read it from a row. */
type TColumn<R> = [name: string, type: string, read: (row: R) => unknown];

/** `unnest($1::type[], $2::type[], …) as t(names)`: rows as one array per column. */
function unnestColumns<R>(rows: R[], columns: TColumn<R>[]): SQL {
  const arrays = columns.map(([, type, read]) => sql`${sql.param(rows.map(read))}::${sql.raw(type)}[]`);
  return sql`unnest(${sql.join(arrays, sql`, `)}) as t(${sql.raw(columns.map(([name]) => name).join(', '))})`;
}

// Array and object fields travel as json, one document per row: unnest would flatten a two-dimensional array.
const TASK_COLUMNS: TColumn<TImportedTask>[] = [
  ['id', 'uuid', (r) => r.id],
  ['title', 'text', (r) => r.input.title],
  ['source', 'text', (r) => r.input.source],
  ['tags', 'jsonb', (r) => JSON.stringify(r.input.tags)],
  ['front_line', 'text', (r) => r.input.frontLine ?? null],
  ['priority', 'text', (r) => r.input.priority],
  ['lead_leader_id', 'uuid', (r) => r.input.leadLeaderId ?? null],
  ['lead_unit_id', 'uuid', (r) => r.input.leadUnitId],
  ['co_unit_ids', 'jsonb', (r) => JSON.stringify(r.input.coUnitIds)],
  ['owner_id', 'uuid', (r) => r.input.ownerId ?? null],
  ['cadence', 'text', (r) => r.input.cadence],
  ['start_date', 'date', (r) => r.input.startDate],
  ['due_date', 'date', (r) => r.input.dueDate],
  ['charter', 'jsonb', (r) => JSON.stringify(r.input.charter)],
];

type TUnitRow = TImportedTask['units'][number] & { taskId: string };
const UNIT_COLUMNS: TColumn<TUnitRow>[] = [
  ['task_id', 'uuid', (u) => u.taskId],
  ['unit_id', 'uuid', (u) => u.unitId],
  ['unit_path', 'text', (u) => u.unitPath],
  ['is_lead', 'boolean', (u) => u.isLead],
];

type TMilestoneRow = TTaskInput['milestones'][number] & { taskId: string; seq: number };
const MILESTONE_COLUMNS: TColumn<TMilestoneRow>[] = [
  ['task_id', 'uuid', (m) => m.taskId],
  ['seq', 'int', (m) => m.seq],
  ['title', 'text', (m) => m.title],
  ['due_date', 'date', (m) => m.dueDate],
  ['deliverable', 'text', (m) => m.deliverable ?? null],
  ['weight', 'int', (m) => m.weight],
];

/**
 * Writes imported draft tasks with their task_units, milestones and 'create' events: one
 * `insert … select … from unnest(…)` per table and chunk, never a statement per row.
 */
export async function insertImportedTasks(
  tx: TTx,
  rows: TImportedTask[],
  opts: { listId: string; createdBy: string },
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await tx.execute(sql`
      insert into ${tasks} (id, list_id, title, source, tags, front_line, priority, lead_leader_id, lead_unit_id,
        co_unit_ids, owner_id, cadence, start_date, due_date, state, charter, created_by)
      select t.id, ${opts.listId}::uuid, t.title, t.source, array(select jsonb_array_elements_text(t.tags)), t.front_line,
        t.priority, t.lead_leader_id, t.lead_unit_id, array(select jsonb_array_elements_text(t.co_unit_ids))::uuid[],
        t.owner_id, t.cadence, t.start_date, t.due_date, 'draft', t.charter, ${opts.createdBy}::uuid
      from ${unnestColumns(chunk, TASK_COLUMNS)}`);
    const unitRows = chunk.flatMap((r) => r.units.map((u) => ({ taskId: r.id, ...u })));
    await tx.execute(
      sql`insert into ${taskUnits} (task_id, unit_id, unit_path, is_lead) select * from ${unnestColumns(unitRows, UNIT_COLUMNS)}`,
    );
    const milestoneRows = chunk.flatMap((r) => r.input.milestones.map((m, i) => ({ ...m, taskId: r.id, seq: i + 1 })));
    if (milestoneRows.length) {
      await tx.execute(sql`
        insert into ${milestones} (task_id, seq, title, due_date, deliverable, weight)
        select * from ${unnestColumns(milestoneRows, MILESTONE_COLUMNS)}`);
    }
    await tx.execute(sql`
      insert into ${taskEvents} (task_id, action, to_state, actor_id)
      select t.id, 'create', 'draft', ${opts.createdBy}::uuid from ${unnestColumns(chunk, [['id', 'uuid', (r) => r.id]])}`);
  }
}
