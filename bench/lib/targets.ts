import { localDay } from '@duban/domain';
import { sql } from 'drizzle-orm';
import { targets, taskNotes } from '../../apps/server/src/db/schema/index.ts';
import { relightTargets } from '../../apps/server/src/modules/targets/targets.pace.ts';
import { openDatabase } from '../../apps/server/src/platform/db/client.ts';
import { insertRows, type TGenerateStep } from '../generate.ts';
import type { TRandom } from './random.ts';
import { type TRolledBackTiming, timeRolledBack } from './rolled-back.ts';
import type { TGeneratedTasks } from './tasks.ts';

/** What the target generator made, for the cockpit's checks and the recompute benchmark. */
export interface TGeneratedTargets {
  /** This year's targets (the cockpit's), then last year's. */
  thisYear: string[];
  lastYear: string[];
  allocations: number;
  actuals: number;
  instructions: number;
  comments: number;
  /** Writing the rows, and relighting every target (its kept pace figures) afterwards. */
  insertMs: number;
  relightMs: number;
}

export const emptyTargets = (): TGeneratedTargets => ({
  thisYear: [],
  lastYear: [],
  allocations: 0,
  actuals: 0,
  instructions: 0,
  comments: 0,
  insertMs: 0,
  relightMs: 0,
});

/** Yearly figures of a county's target responsibility letter: name, measure, kind, yearly total. */
const MEASURES: [string, string, 'count' | 'amount', number][] = [
  ['新增市场主体', '户', 'count', 10_000],
  ['进规纳限企业', '家', 'count', 120],
  ['完成固定资产投资', '亿元', 'amount', 220],
  ['招商引资签约项目', '个', 'count', 60],
  ['社会消费品零售总额', '亿元', 'amount', 86],
  ['新增城镇就业', '人', 'count', 3_200],
  ['实际利用外资', '万美元', 'amount', 5_000],
  ['农村居民人均可支配收入增量', '元', 'amount', 1_500],
  ['高标准农田建设', '亩', 'count', 20_000],
  ['新增城镇绿地', '平方米', 'count', 300_000],
];

/** Targets per year, and comments per instruction on the tasks (notes the cockpit must not read in bulk). */
const TARGETS_PER_YEAR = 50;
const COMMENTS_PER_INSTRUCTION = 10;

/**
 * A generator step: `perYear` county targets for this year and for last year (the cockpit must ignore the other
 * year's rows), each allocated to every other unit, with every unit's monthly actual (实绩) — last year's 12 months,
 * this year's up to the current month (Asia/Shanghai), a unit in three a month behind — written set-based in SQL;
 * half the targets have a reporting unit (the statistics department) that also reports the county's own figure.
 * Then every target is relit through the platform's own pace rule (relightTargets), as the kept figures would be.
 * Also leaders' instructions (批示) on one task in ten, and ten comments for each.
 */
export function targetsStep(out: TGeneratedTargets, tasks: TGeneratedTasks, perYear = TARGETS_PER_YEAR): TGenerateStep {
  return async (tx, county, random: TRandom) => {
    let started = performance.now();
    const day = localDay(new Date());
    const year = Number(day.slice(0, 4));
    const month = Number(day.slice(5, 7));
    const statistics =
      county.units.find((u) => u.name.endsWith('统计局')) ?? county.units.find((u) => u.kind === 'department');
    const reporter = county.benchUser.id;
    const rows: (typeof targets.$inferInsert)[] = [];
    for (const y of [year, year - 1]) {
      for (let i = 0; i < perYear; i++) {
        const [name, measure, kind, total] = MEASURES[i % MEASURES.length] ?? ['目标', '个', 'count', 100];
        const round = Math.floor(i / MEASURES.length);
        const id = crypto.randomUUID();
        rows.push({
          id,
          year: y,
          name: round > 0 ? `${name}（${round + 1}）` : name,
          measure,
          kind,
          direction: i % 10 === 9 ? 'lower' : 'higher',
          accumulation: i % 4 === 3 ? 'monthly' : 'cumulative',
          total: total * (1 + round),
          unitId: county.root.id,
          reportingUnitId: i % 2 === 0 ? (statistics?.id ?? null) : null,
          createdBy: reporter,
        });
        (y === year ? out.thisYear : out.lastYear).push(id);
      }
    }
    await insertRows(tx, targets, rows);
    // Each unit's share by a weight of its own (townships and parks carry more), amounts whole for counts.
    const allocated = await tx.execute(sql`
      insert into target_allocations (target_id, unit_id, unit_path, amount)
      select t.id, u.id, u.path, greatest(case when t.kind = 'count' then 1 else 0.01 end,
        round((t.total * w.w / sum(w.w) over (partition by t.id))::numeric, case when t.kind = 'count' then 0 else 2 end))
      from targets t cross join units u
        cross join lateral (select (case u.category when 'township' then 4 when 'park' then 5 when 'department' then 2
          else 1 end) * (0.5 + abs(hashtext(u.id::text || t.id::text)) % 100 / 100.0) as w) w
      where t.id = any(${sql.param([...out.thisYear, ...out.lastYear])}::uuid[]) and u.id <> t.unit_id`);
    out.allocations = allocated.rowCount ?? 0;
    // Each unit runs at its own pace (55–125 % of plan); cumulative figures rise month by month.
    const reported = await tx.execute(sql`
      insert into target_actuals (target_id, unit_id, month, value, reported_by, reported_at)
      select a.target_id, a.unit_id, m.m,
        round((a.amount * p.p * case when t.accumulation = 'cumulative' then m.m / 12.0 else 1 / 12.0 end)::numeric,
          case when t.kind = 'count' then 0 else 2 end),
        ${reporter}, least(now(), make_timestamptz(t.year, m.m, 28, 9, 0, 0, 'Asia/Shanghai'))
      from target_allocations a join targets t on t.id = a.target_id
        cross join lateral (select 0.55 + (abs(hashtext(a.id::text)) % 71) / 100.0 as p,
          case when abs(hashtext(a.unit_id::text)) % 3 = 0 then 1 else 0 end as behind) p
        cross join lateral generate_series(1, case when t.year < ${year} then 12 else ${month} - p.behind end) as m(m)
      where a.target_id = any(${sql.param([...out.thisYear, ...out.lastYear])}::uuid[])`);
    // The statistics department's county figure: the units' sum and county-level work on top.
    const countyRows = await tx.execute(sql`
      insert into target_actuals (target_id, unit_id, month, value, reported_by, reported_at)
      select x.target_id, t.unit_id, x.month, round((x.value * 1.03)::numeric, case when t.kind = 'count' then 0 else 2 end),
        ${reporter}, least(now(), make_timestamptz(t.year, x.month, 28, 10, 0, 0, 'Asia/Shanghai'))
      from (select target_id, month, sum(value) as value from target_actuals
        where target_id = any(${sql.param([...out.thisYear, ...out.lastYear])}::uuid[]) group by target_id, month) x
        join targets t on t.id = x.target_id
      where t.reporting_unit_id is not null`);
    out.actuals = (reported.rowCount ?? 0) + (countyRows.rowCount ?? 0);
    const notes = instructionRows(tasks, county, random);
    await insertRows(tx, taskNotes, notes);
    out.instructions = notes.filter((n) => n.kind === 'instruction').length;
    out.comments = notes.length - out.instructions;
    out.insertMs = Math.round(performance.now() - started);
    started = performance.now();
    await relightTargets(tx, [...out.thisYear, ...out.lastYear], 'seed', new Date());
    out.relightMs = Math.round(performance.now() - started);
  };
}

/** Instructions by the county's leaders on one task in ten, each with comments by people of the county. */
function instructionRows(
  tasks: TGeneratedTasks,
  county: Parameters<TGenerateStep>[1],
  random: TRandom,
): (typeof taskNotes.$inferInsert)[] {
  const leaders = county.people.filter((p) =>
    p.grants.some((g) => g.role === 'leader' && g.unitId === county.root.id && p.id !== county.benchUser.id),
  );
  const owners = county.people.filter((p) => p.unitId !== county.root.id);
  const now = Date.now();
  const rows: (typeof taskNotes.$inferInsert)[] = [];
  for (const [i, task] of tasks.tasks.entries()) {
    if (i % 10 !== 0 || leaders.length === 0) continue;
    const at = new Date(now - random.int(1, 300 * 24) * 3_600_000);
    rows.push({
      taskId: task.id,
      kind: 'instruction',
      authorId: random.pick(leaders).id,
      body: random.pick([
        '要倒排工期，确保按期完成',
        '请分管领导亲自调度',
        '务必本月内拿出方案',
        '此事要抓紧，每周报进展',
      ]),
      createdAt: at,
    });
    for (let k = 0; k < COMMENTS_PER_INSTRUCTION; k++) {
      rows.push({
        taskId: task.id,
        kind: 'comment',
        authorId: random.pick(owners).id,
        body: '已按要求推进',
        createdAt: new Date(at.getTime() + (k + 1) * 3_600_000),
      });
    }
  }
  return rows;
}

export interface TTargetRecomputeTiming extends TRolledBackTiming {
  /** Allocations of the target relit each time. */
  allocations: number;
}

/**
 * What a reported actual costs in its transaction: one unit's figure for the current month corrected in place, then
 * the target's kept pace relit (the county's and every allocation's), inside a transaction that is rolled back.
 */
export async function measureTargetRecompute(
  databaseUrl: string,
  targetIds: string[],
  samples = 300,
): Promise<TTargetRecomputeTiming> {
  const database = openDatabase(databaseUrl, 2);
  try {
    const { rows } = await database.pool.query<{ n: number }>(
      'select count(*)::int as n from target_allocations where target_id = $1',
      [targetIds[0]],
    );
    const allocations = rows[0]?.n ?? 0;
    // Ten units' latest figures of each target: the rows a month's reports correct.
    const keys = await database.pool.query<{ id: string; targetId: string }>(
      `select id, target_id as "targetId" from (select id, target_id, row_number() over (partition by target_id
         order by month desc, unit_id) as n from target_actuals where target_id = any($1)) x where n <= 10`,
      [targetIds],
    );
    const timing = await timeRolledBack(database.db, samples, async (tx, i) => {
      const key = keys.rows[(i * 7) % keys.rows.length];
      if (!key) throw new Error('no actuals to correct');
      await tx.execute(sql`update target_actuals set value = value + 1, reported_at = now() where id = ${key.id}`);
      await relightTargets(tx, [key.targetId], 'actual', new Date());
    });
    return { ...timing, allocations };
  } finally {
    await database.close();
  }
}
