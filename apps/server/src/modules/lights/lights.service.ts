import {
  computeLight,
  computeMilestoneLight,
  lightOfCounts,
  localDay,
  type TLight,
  type TLightBoard,
  type TLightCounts,
  type TLightHistory,
  type TLightHistoryEntry,
  type TLightQuery,
  type TLightRow,
  type TSweepResult,
} from '@duban/domain';
import { sql } from 'drizzle-orm';
import { units } from '../../db/schema/index.ts';
import { hasRole, isInScope, isTopPath, scopeOf, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb, TTx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { runExclusive } from '../../platform/jobs/scheduler.ts';
import { climbLadder } from '../supervision/ladder.ts';
import { relightCurrentTargets } from '../targets/targets.pace.ts';
import { visibleTasksCondition } from '../tasks/tasks.policy.ts';
import { listMilestones } from '../tasks/tasks.repo.ts';
import { loadTask } from '../tasks/tasks.service.ts';
import * as repo from './lights.repo.ts';
import { loadRulebook, type TRulebook } from './rulebook.ts';

/** The changes among the given tasks' lights on a day (unchanged ones left out). */
function lightChanges(rulebook: TRulebook, sources: repo.TLightSource[], today: string): repo.TLightChange[] {
  const changes: repo.TLightChange[] = [];
  for (const s of sources) {
    const result = computeLight(rulebook.calendar, rulebook.rules, { ...s, today });
    if (result.light !== s.light) {
      changes.push({ taskId: s.id, light: result.light, previous: s.light, rules: result.rules, facts: result.facts });
    }
  }
  return changes;
}

/**
 * Recomputes the lights of the given tasks and their ancestors in the caller's transaction, keeping every change in
 * the light history. `reports` moves each task's last-heard-of day first (acknowledging or reopening a task; a
 * check-in moves it with the task's own update).
 */
export async function refreshLights(
  tx: TTx,
  taskIds: string[],
  cause: string,
  opts: { now?: Date; reports?: { taskId: string; day: string }[] } = {},
): Promise<repo.TLightChange[]> {
  if (taskIds.length === 0) return [];
  const now = opts.now ?? clockNow();
  await repo.recordReports(tx, opts.reports ?? []);
  const rulebook = await loadRulebook(tx);
  const sources = await repo.lightSourcesWithAncestors(tx, taskIds);
  const changes = lightChanges(rulebook, sources, localDay(now));
  await repo.writeLightChanges(tx, changes, rulebook.rules, cause, now);
  return changes;
}

const SWEEP_CHUNK = 5000;

/**
 * Every live task's light for the day of `now` (and 'done' for a closed task still without it), in chunks; returns
 * how many were read and changed.
 */
export async function relightAll(tx: TTx, rulebook: TRulebook, now: Date, cause: string) {
  const day = localDay(now);
  let tasks = 0;
  let changed = 0;
  let afterId: string | null = null;
  for (;;) {
    const sources = await repo.liveLightSources(tx, afterId, SWEEP_CHUNK);
    if (sources.length === 0) break;
    tasks += sources.length;
    const changes = lightChanges(rulebook, sources, day);
    await repo.writeLightChanges(tx, changes, rulebook.rules, cause, now);
    changed += changes.length;
    afterId = sources[sources.length - 1]?.id ?? null;
  }
  return { tasks, changed };
}

/**
 * The morning sweep: every live task's light for today, then the escalation ladder, then the pace of this year's
 * and last year's targets — in one transaction, so a crash leaves nothing half-done. Idempotent: a second run on the
 * same day finds nothing to change.
 */
export async function sweepLights(db: TDb, opts: { now?: Date; actor?: TActor } = {}): Promise<TSweepResult> {
  const now = opts.now ?? clockNow();
  return db.transaction((tx) => runMorningSweep(tx, now, opts.actor));
}

/** The morning sweep's work in the caller's transaction: the scheduler's sweep, and the demo county's first one. */
export async function runMorningSweep(tx: TTx, now: Date, actor?: TActor): Promise<TSweepResult> {
  const started = Date.now();
  const day = localDay(now);
  const rulebook = await loadRulebook(tx);
  const { tasks, changed } = await relightAll(tx, rulebook, now, 'sweep');
  const lit = Date.now();
  const escalations = await climbLadder(tx, rulebook, now);
  const climbed = Date.now();
  // Targets' pace moves as months roll over; last, so that their rows are locked for the shortest while.
  const targets = await relightCurrentTargets(tx, now);
  if (changed > 0 || escalations > 0 || targets.changed > 0) {
    await appendAudit(tx, {
      actor: actor ? auditActor(actor) : null,
      action: 'lights.sweep',
      targetType: 'lights',
      targetId: null,
      before: null,
      after: { day, tasks, changed, escalations, targets: targets.targets, targetLights: targets.changed },
      ip: actor?.ip ?? null,
    });
  }
  return {
    day,
    tasks,
    changed,
    escalations,
    ms: Date.now() - started,
    lightsMs: lit - started,
    ladderMs: climbed - lit,
  };
}

/** A sweep on demand, by a supervisor: 409 while another one runs (in any server process). */
export async function sweepOnDemand(db: TDb, actor: TActor, now?: Date): Promise<TSweepResult> {
  if (!hasRole(actor, 'supervisor')) throw new AppError('FORBIDDEN', 'only supervisors run the sweep');
  let result: TSweepResult | null = null;
  const ran = await runExclusive(db.$client, 'lights-sweep', async () => {
    result = await sweepLights(db, { now, actor });
  });
  if (!ran || !result) throw new AppError('CONFLICT', 'a sweep is already running');
  return result;
}

const emptyCounts = (): TLightCounts => ({ green: 0, yellow: 0, red: 0, done: 0 });
const addCount = (counts: TLightCounts, light: TLight, n: number) => {
  counts[light] += n;
};
const sumCounts = (all: TLightCounts[]) =>
  all.reduce((sum, c) => {
    for (const light of Object.keys(sum) as TLight[]) sum[light] += c[light];
    return sum;
  }, emptyCounts());

/** Reds first, then yellows, then the most tasks. */
const byConcern = (a: TLightRow, b: TLightRow) =>
  b.counts.red - a.counts.red || b.counts.yellow - a.counts.yellow || a.name.localeCompare(b.name, 'zh-CN');

/** Who reads the light board, and from which units down. */
const BOARD_ROLES = ['leader', 'supervisor', 'unitHead', 'liaison'] as const;

/** The county light board: child units of a unit, tags or lead leaders, each with its worst light and counts. */
export async function getLightBoard(db: TDb, actor: TActor, query: TLightQuery): Promise<TLightBoard> {
  if (!hasRole(actor, ...BOARD_ROLES))
    throw new AppError('FORBIDDEN', 'the light board is for leaders, supervisors and units');
  const visible = visibleTasksCondition(actor);
  // Whoever oversees the whole county sees every task: the kept counts answer without reading the tasks.
  const seesAll = scopeOf(actor, 'leader', 'supervisor').subtrees.some(isTopPath);
  if (query.by === 'tag' || query.by === 'leader') {
    const rows = seesAll
      ? (await repo.keptLightCounts(db, query.by)).map((r) => ({ ...r, key: r.key === '' ? null : r.key }))
      : query.by === 'tag'
        ? await repo.lightCountsByTag(db, visible)
        : await repo.lightCountsByLeader(db, visible);
    const grouped = new Map<string | null, TLightRow>();
    for (const r of rows) {
      const name = ('name' in r ? r.name : null) ?? r.key ?? '';
      const row = grouped.get(r.key) ?? {
        key: r.key,
        name: name ?? '',
        category: null,
        hasChildren: false,
        light: null,
        counts: emptyCounts(),
      };
      addCount(row.counts, r.light, r.n);
      grouped.set(r.key, row);
    }
    const list = [...grouped.values()].map((r) => ({ ...r, light: lightOfCounts(r.counts) })).sort(byConcern);
    const totals = sumCounts(list.map((r) => r.counts));
    return { by: query.by, unit: null, trail: [], own: null, rows: list, totals, light: lightOfCounts(totals) };
  }

  const all = await db
    .select({
      id: units.id,
      parentId: units.parentId,
      path: units.path,
      name: units.name,
      category: units.category,
      sortOrder: units.sortOrder,
    })
    .from(units)
    .where(sql`${units.isActive}`)
    .orderBy(units.sortOrder, units.name);
  const byId = new Map(all.map((u) => [u.id, u]));
  const scope = scopeOf(actor, ...BOARD_ROLES);
  const reachable = all.filter((u) => isInScope(scope, u.path)).sort((a, b) => a.path.length - b.path.length);
  const root = query.unitId ? byId.get(query.unitId) : reachable[0];
  if (!root || !isInScope(scope, root.path)) throw notFound('unit');

  // By unit, a unit's board counts the tasks led in its subtree, which its viewers all see: the kept counts serve.
  const counts = (await repo.keptLightCounts(db, 'unit')).map((r) => ({ unitId: r.key, light: r.light, n: r.n }));
  const countsOf = new Map<string, TLightCounts>();
  for (const c of counts) {
    const unit = byId.get(c.unitId);
    if (!unit?.path.startsWith(root.path)) continue;
    const entry = countsOf.get(c.unitId) ?? emptyCounts();
    addCount(entry, c.light, c.n);
    countsOf.set(c.unitId, entry);
  }
  // Each unit's subtree in one pass, deepest units first, each adding its sum to its parent's: linear in units.
  const subtree = new Map<string, TLightCounts>();
  const parents = new Set<string>();
  const inRoot = all.filter((u) => u.path.startsWith(root.path)).sort((a, b) => b.path.length - a.path.length);
  for (const u of inRoot) {
    const sum = sumCounts([subtree.get(u.id) ?? emptyCounts(), countsOf.get(u.id) ?? emptyCounts()]);
    subtree.set(u.id, sum);
    if (u.parentId) {
      parents.add(u.parentId);
      if (u.id !== root.id) subtree.set(u.parentId, sumCounts([subtree.get(u.parentId) ?? emptyCounts(), sum]));
    }
  }
  const children = inRoot.filter((u) => u.parentId === root.id && (!query.category || u.category === query.category));
  const rows: TLightRow[] = children
    .map((u) => {
      const c = subtree.get(u.id) ?? emptyCounts();
      return {
        key: u.id,
        name: u.name,
        category: u.category,
        hasChildren: parents.has(u.id),
        light: lightOfCounts(c),
        counts: c,
      };
    })
    .sort(byConcern);
  // The unit's own tasks belong to its own category, as on the cockpit: a category filter of another leaves them out.
  const own = !query.category || query.category === root.category ? (countsOf.get(root.id) ?? emptyCounts()) : null;
  const totals = query.category
    ? sumCounts([...rows.map((r) => r.counts), own ?? emptyCounts()])
    : (subtree.get(root.id) ?? emptyCounts());
  const trail = root.path
    .split('/')
    .filter(Boolean)
    .map((id) => byId.get(id))
    .filter((u): u is NonNullable<typeof u> => u !== undefined && isInScope(scope, u.path))
    .map((u) => ({ id: u.id, name: u.name }));
  return {
    by: 'unit',
    unit: { id: root.id, name: root.name },
    trail,
    own,
    rows,
    totals,
    light: lightOfCounts(totals),
  };
}

/**
 * Why a task's light is what it is: the light worked out from its present facts (what the explanation shows, so it
 * follows every check-in, progress update and milestone change), its changes newest first, and its milestones'
 * lights today.
 */
export async function getLightHistory(
  db: TDb,
  actor: TActor,
  taskId: string,
  now = clockNow(),
): Promise<TLightHistory> {
  const { row } = await loadTask(db, actor, taskId);
  const [history, ms, rulebook, sources] = await Promise.all([
    repo.listLightHistory(db, taskId, 100),
    listMilestones(db, taskId),
    loadRulebook(db),
    repo.lightSourcesWithAncestors(db, [taskId]),
  ]);
  const today = localDay(now);
  const source = sources.find((s) => s.id === taskId);
  if (!source) throw notFound('task');
  const live = computeLight(rulebook.calendar, rulebook.rules, { ...source, today });
  const items: TLightHistoryEntry[] = history.map((h) => ({
    id: h.id,
    light: h.light as TLight | null,
    previous: h.previous as TLight | null,
    rules: h.rules as TLightHistoryEntry['rules'],
    facts: h.facts as TLightHistoryEntry['facts'],
    thresholds: h.thresholds as TLightHistoryEntry['thresholds'],
    cause: h.cause,
    at: h.at.toISOString(),
  }));
  return {
    light: (row.task.light as TLight | null) ?? null,
    lightSince: row.task.lightSince?.toISOString() ?? null,
    current: { light: live.light, rules: live.rules, facts: live.facts, thresholds: rulebook.rules },
    items,
    milestones: ms.map((m) => ({
      id: m.id,
      light: computeMilestoneLight(
        rulebook.calendar,
        rulebook.rules,
        { dueDate: m.dueDate, state: m.state as 'pending' | 'done' },
        today,
      ),
    })),
  };
}

/** True when some live or closed task lacks its light (a database upgraded to lights): the sweep should run now. */
export async function lightsMissing(db: TDb): Promise<boolean> {
  return (await repo.liveLightSources(db, null, 1, { unlitOnly: true })).length > 0;
}
