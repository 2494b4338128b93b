import type { TEscalationStep, TLightCounts, TPaceLight, TTargetDirection } from '@duban/domain';
import type pg from 'pg';
import { subtreeEnd } from '../../platform/access/access.ts';

/**
 * The cockpit's one read. Every part is served by kept figures — the pace columns of targets and allocations,
 * light_counts, unit_tag_light_counts, allocation_light_counts, escalation_counts — or by one index range bounded
 * by the page's units: none reads every task, step or check-in. The wall display polls it, so it is one prepared
 * statement (one round trip, planned once per connection) answering one JSON document; the presenter shapes it.
 */

export type TCockpitUnit = { id: string; name: string; category: string; path: string; parentId: string | null };

/** An active unit by id. */
export async function findActiveUnit(pool: pg.Pool, id: string): Promise<TCockpitUnit | null> {
  const { rows } = await pool.query<TCockpitUnit>({
    name: 'duban-cockpit-unit',
    text: `select id, name, category, path, parent_id as "parentId" from units where id = $1 and is_active`,
    values: [id],
  });
  return rows[0] ?? null;
}

export type TChildUnit = { id: string; name: string; category: string; sortOrder: number };
/** Task counts per light of a group (a child unit's subtree, '' for the page unit's own tasks; or a tag). */
export type TGroupCounts = TLightCounts & { key: string };

/** A target's kept figures as the cockpit shows them: the county's own, or one unit's allocation. */
export type TTargetFigures = {
  targetId: string;
  allocationId: string | null;
  name: string;
  measure: string;
  direction: TTargetDirection;
  total: number;
  actual: number | null;
  paceMonth: number;
  doneShare: number;
  expectedShare: number;
  behind: number;
  light: TPaceLight;
  /** Allocations per light, from the kept counts (zeros for an allocation). */
  allocationLights: Record<TPaceLight, number>;
};

export type TStepCount = { step: TEscalationStep; open: number; overdue: number };

export type THighlightRow = {
  rollupId: string;
  unitId: string;
  unitName: string;
  taskId: string;
  title: string;
  text: string;
};

export type TInstructionRow = {
  id: string;
  taskId: string;
  taskTitle: string;
  authorName: string;
  text: string;
  at: string;
};

export interface TCockpitRows {
  /** The page's unit, or null when it is not an active unit. */
  unit: TCockpitUnit | null;
  /** The active child units of the page's unit. */
  children: TChildUnit[];
  /** Kept task counts per light, summed per child unit's subtree (key: the child's id; '' for the unit's own). */
  unitLights: TGroupCounts[];
  /** Task counts per tag (key) and light over the subtree. */
  tags: TGroupCounts[];
  targets: TTargetFigures[];
  steps: TStepCount[];
  week: string | null;
  highlights: THighlightRow[];
  instructions: TInstructionRow[];
}

export interface TCockpitParams {
  unitId: string;
  /** The unit's path; the whole county when the unit is the top one (no unit filter needed). */
  path: string;
  isTop: boolean;
  year: number;
  today: string;
  reminderDays: number;
  highlights: number;
  instructions: number;
  instructionDays: number;
}

/** Counts per light as columns, from the kept rows (light, n) of a group. */
const lightSum = (light: string) => `coalesce(sum(c.n) filter (where c.light = '${light}'), 0)::int`;
const PER_LIGHT = ['green', 'yellow', 'red', 'done'].map((l) => `${lightSum(l)} as ${l}`).join(', ');

// The subtree of the page's unit as a range of paths (:from ≤ path < :to, bytewise: the path indexes serve it, also
// in a generic plan). For the top unit every unit is in it, and the condition is left out.
const inSubtree = (column: string, isTop: boolean) =>
  isTop ? 'true' : `(${column} collate "C" >= :from and ${column} collate "C" < :to)`;

function cockpitSql(isTop: boolean): string {
  const units = (column: string) => inSubtree(column, isTop);
  return `
    with page as (
      select id, name, category, path, parent_id as "parentId" from units where id = :unit and is_active
    ),
    children as (
      select id, name, category, sort_order as "sortOrder" from units where parent_id = :unit and is_active
    ),
    -- Each lead unit's kept counts under the child unit whose subtree holds it ('' for the page unit itself).
    unit_lights as (
      select split_part(u.path, '/', :childSegment::int) as key, ${PER_LIGHT}
      from ${
        isTop
          ? `light_counts c join units u on u.id::text = c.key where c.dimension = 'unit' and c.n > 0 and u.is_active`
          : // offset 0 keeps the lateral a per-unit index lookup: flattened, the planner scans every unit's counts.
            `units u cross join lateral (select c.light, c.n from light_counts c
               where c.dimension = 'unit' and c.key = u.id::text and c.n > 0 offset 0) c
             where u.is_active and ${units('u.path')}`
      }
      group by 1
    ),
    tags as (${
      isTop
        ? `select c.key, ${PER_LIGHT} from light_counts c where c.dimension = 'tag' and c.n > 0 group by 1`
        : `select c.tag as key, ${PER_LIGHT} from units u cross join lateral (select c.tag, c.light, c.n
             from unit_tag_light_counts c where c.unit_id = u.id and c.n > 0) c
           where ${units('u.path')} group by 1`
    }),
    allocation_lights as (
      select c.target_id, json_build_object('green', ${lightSum('green')}, 'yellow', ${lightSum('yellow')},
        'red', ${lightSum('red')}) as lights
      from allocation_light_counts c where c.target_id in (select id from targets where year = :year)
      group by c.target_id
    ),
    figures as (
      select t.id as "targetId", null::uuid as "allocationId", t.name, t.measure, t.direction,
        t.total::float8 as total, t.actual::float8 as actual, t.pace_month as "paceMonth", t.done_share as "doneShare",
        t.expected_share as "expectedShare", t.behind, t.light,
        coalesce(l.lights, '{"green":0,"yellow":0,"red":0}'::json) as "allocationLights"
      from targets t left join allocation_lights l on l.target_id = t.id
      where t.year = :year ${isTop ? '' : 'and t.unit_id = :unit'}
      ${
        isTop
          ? ''
          : `union all
      select t.id, a.id, t.name, t.measure, t.direction, a.amount::float8, a.actual::float8, a.pace_month,
        a.done_share, a.expected_share, a.behind, a.light, '{"green":0,"yellow":0,"red":0}'::json
      from target_allocations a join targets t on t.id = a.target_id
      where a.unit_path collate "C" = :from and t.year = :year`
      }
    ),
    -- Steps waiting on someone: open notices and admonitions, and the reminders of the last few days.
    steps as (
      select c.step, sum(c.n)::int as open,
        coalesce(sum(c.n) filter (where c.state = 'open' and c.day < :today::date), 0)::int as overdue
      from ${isTop ? `(select '' as key) u` : `units u`} cross join lateral (select c.step, c.state, c.day, c.n
        from escalation_counts c where c.key = ${isTop ? 'u.key' : 'u.id::text'} and c.n <> 0
          and (c.state = 'open' or (c.state = 'sent' and c.step = 'remind' and c.day > :today::date - :reminderDays::int))
      ) c
      ${isTop ? '' : `where ${units('u.path')}`}
      group by c.step
    ),
    latest as (${
      isTop
        ? 'select max(week) as week from weekly_rollups'
        : `select max(w.week) as week from units u cross join lateral (select r.week from weekly_rollups r
             where r.unit_id = u.id order by r.week desc limit 1) w where ${units('u.path')}`
    }),
    -- Each unit's biggest step first, then the next ones; confirmed roll-ups before drafts; in unit order.
    highlights as (
      select r.id as "rollupId", r.unit_id as "unitId", u.name as "unitName", h.value->>'taskId' as "taskId",
        h.value->>'title' as title, h.value->>'text' as text
      from latest cross join units u
        join weekly_rollups r on r.unit_id = u.id and r.week = latest.week
        cross join lateral jsonb_array_elements(r.summary->'highlights') with ordinality as h(value, n)
      where ${units('u.path')}
      order by h.n, r.state = 'confirmed' desc, u.sort_order, u.name
      limit :highlights
    ),
    -- The newest first, from the instructions' index: for a subtree, those on the tasks it leads.
    newest as (
      select n.id, n.created_at from task_notes n
      where n.kind = 'instruction' and n.created_at > :today::date - :instructionDays::int ${
        isTop
          ? ''
          : `and exists (select 1 from task_units tu where tu.task_id = n.task_id and tu.is_lead
               and ${units('tu.unit_path')})`
      }
        and exists (select 1 from tasks t where t.id = n.task_id and t.state <> 'draft')
      order by n.created_at desc
      limit :instructions
    ),
    instructions as (
      select n.id, n.task_id as "taskId", t.title as "taskTitle", a.display_name as "authorName", n.body as text,
        n.created_at as at
      from newest join task_notes n on n.id = newest.id join tasks t on t.id = n.task_id
        join users a on a.id = n.author_id
      order by n.created_at desc
    )
    select json_build_object(
      'unit', (select row_to_json(page) from page),
      'children', coalesce((select json_agg(children) from children), '[]'),
      'unitLights', coalesce((select json_agg(unit_lights) from unit_lights), '[]'),
      'tags', coalesce((select json_agg(tags) from tags), '[]'),
      'targets', coalesce((select json_agg(figures) from figures), '[]'),
      'steps', coalesce((select json_agg(steps) from steps), '[]'),
      'week', (select week from latest),
      'highlights', coalesce((select json_agg(highlights) from highlights), '[]'),
      'instructions', coalesce((select json_agg(instructions) from instructions), '[]')
    ) as cockpit`;
}

/** Numbers the named parameters (:name) of a statement in order of first use; returns the text and their names. */
function numbered(text: string): { text: string; names: (keyof TCockpitValues)[] } {
  const names: (keyof TCockpitValues)[] = [];
  const out = text.replace(/(?<!:):([a-zA-Z]+)/g, (_, name: keyof TCockpitValues) => {
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return { text: out, names };
}

type TCockpitValues = {
  unit: string;
  from: string;
  to: string;
  childSegment: number;
  year: number;
  today: string;
  reminderDays: number;
  highlights: number;
  instructions: number;
  instructionDays: number;
};

const STATEMENTS = {
  top: { name: 'duban-cockpit-top', ...numbered(cockpitSql(true)) },
  unit: { name: 'duban-cockpit-unit-page', ...numbered(cockpitSql(false)) },
};

/** Everything the cockpit page of a unit shows, as kept: one statement. */
export async function readCockpit(pool: pg.Pool, p: TCockpitParams): Promise<TCockpitRows> {
  const values: TCockpitValues = {
    unit: p.unitId,
    from: p.path,
    to: subtreeEnd(p.path),
    // The child unit's id is the path's segment after the page unit's own ('/a/' → segment 3 is a's child).
    childSegment: p.path.split('/').length,
    year: p.year,
    today: p.today,
    reminderDays: p.reminderDays,
    highlights: p.highlights,
    instructions: p.instructions,
    instructionDays: p.instructionDays,
  };
  const statement = p.isTop ? STATEMENTS.top : STATEMENTS.unit;
  const { rows } = await pool.query<{ cockpit: TCockpitRows }>({
    name: statement.name,
    text: statement.text,
    values: statement.names.map((name) => values[name]),
  });
  const cockpit = rows[0]?.cockpit;
  if (!cockpit) throw new Error('the cockpit query returned no row');
  return cockpit;
}
