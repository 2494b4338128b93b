import type { TRequest } from 'autocannon';
import { milestones, taskLists, tasks, taskUnits } from '../../apps/server/src/db/schema/index.ts';
import { insertRows, type TGenerateStep } from '../generate.ts';
import type { TSession } from './api.ts';
import type { TRandom } from './random.ts';

/** What the task generator made, for the load tests. */
export interface TGeneratedTasks {
  ids: string[];
  /** Units that lead at least one task, with the states their tasks are in. */
  leadUnits: string[];
  milestones: number;
}

const STATES = ['assigned', 'acknowledged', 'inProgress', 'inProgress', 'inProgress', 'closeRequested', 'closed'];
const SOURCES = ['committeeDecision', 'governmentReport', 'leaderInstruction', 'majorTasks', 'livelihood', 'petition'];
const VERBS = ['推进', '完成', '实施', '建设', '落实', '开展', '提升', '整治'];
const OBJECTS = [
  '老旧小区改造',
  '高标准农田',
  '污水管网',
  '招商引资签约',
  '农村公路',
  '养老服务中心',
  '政务服务改革',
  '人居环境整治',
];

/**
 * A generator step: `count` tasks in 20 lists, each led by a random unit with one co-unit, three milestones, the
 * unit rows the scope checks use, spread over the year and over every state.
 */
export function tasksStep(count: number, out: TGeneratedTasks): TGenerateStep {
  return async (tx, county, random: TRandom) => {
    const year = new Date().getFullYear();
    const lists = Array.from({ length: 20 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `${year} 年第 ${i + 1} 批重点任务清单`,
      year,
      createdBy: county.benchUser.id,
    }));
    await insertRows(tx, taskLists, lists);
    const pathOf = new Map(county.units.map((u) => [u.id, u.path]));
    const candidates = county.units.filter((u) => u.id !== county.root.id);
    const taskRows: (typeof tasks.$inferInsert)[] = [];
    const unitRows: (typeof taskUnits.$inferInsert)[] = [];
    const milestoneRows: (typeof milestones.$inferInsert)[] = [];
    const leads = new Set<string>();
    for (let i = 0; i < count; i++) {
      const id = crypto.randomUUID();
      const lead = random.pick(candidates);
      let co = random.pick(candidates);
      if (co.id === lead.id) co = county.root;
      const startMonth = random.int(1, 6);
      const dueMonth = random.int(startMonth + 3, 12);
      const state = random.pick(STATES);
      const done = state === 'closed' ? 3 : state === 'assigned' || state === 'acknowledged' ? 0 : random.int(0, 2);
      taskRows.push({
        id,
        listId: random.pick(lists).id,
        title: `${random.pick(VERBS)}${random.pick(OBJECTS)}（${i + 1}）`,
        source: random.pick(SOURCES),
        tags: random.chance(0.1) ? ['十件大事'] : [],
        priority: random.chance(0.2) ? 'high' : 'normal',
        leadUnitId: lead.id,
        coUnitIds: co.id === county.root.id ? [] : [co.id],
        cadence: 'weekly',
        startDate: `${year}-${String(startMonth).padStart(2, '0')}-01`,
        dueDate: `${year}-${String(dueMonth).padStart(2, '0')}-28`,
        state,
        progress: Math.round((done / 3) * 100),
        charter: { goal: '按期完成', indicators: [], deliverables: [] },
        createdBy: county.benchUser.id,
      });
      leads.add(lead.id);
      unitRows.push({ taskId: id, unitId: lead.id, unitPath: pathOf.get(lead.id) ?? '', isLead: true });
      if (co.id !== county.root.id) {
        unitRows.push({ taskId: id, unitId: co.id, unitPath: pathOf.get(co.id) ?? '', isLead: false });
      }
      for (let m = 1; m <= 3; m++) {
        const month = Math.min(12, startMonth + m * Math.max(1, Math.floor((dueMonth - startMonth) / 3)));
        milestoneRows.push({
          taskId: id,
          seq: m,
          title: ['完成方案', '过半', '完成'][m - 1] ?? '节点',
          dueDate: `${year}-${String(month).padStart(2, '0')}-20`,
          weight: m === 3 ? 2 : 1,
          state: m <= done ? 'done' : 'pending',
        });
      }
      out.ids.push(id);
    }
    // Array columns (tags, co-units) cannot travel through unnest: plain multi-row inserts for this table.
    for (let i = 0; i < taskRows.length; i += 1000) await tx.insert(tasks).values(taskRows.slice(i, i + 1000));
    await insertRows(tx, taskUnits, unitRows);
    await insertRows(tx, milestones, milestoneRows);
    out.leadUnits = [...leads];
    out.milestones = milestoneRows.length;
  };
}

function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length] as T;
}

/** GET /tasks filtered by a unit subtree and a state, 25 a page, rotating units and states. */
export function taskListRequests(generated: TGeneratedTasks, session: TSession): TRequest[] {
  const filters = generated.leadUnits.flatMap((unitId) =>
    ['inProgress', 'assigned'].map((state) => `/api/v1/tasks?unitId=${unitId}&state=${state}&page=1&pageSize=25`),
  );
  const next = cycle(filters);
  return [{ method: 'GET', headers: { cookie: session.cookie }, setupRequest: (r) => ({ ...r, path: next() }) }];
}

/** GET /tasks/{id}: the task page, rotating over tasks. */
export function taskPageRequests(generated: TGeneratedTasks, session: TSession): TRequest[] {
  const next = cycle(generated.ids.slice(0, 2000));
  return [
    {
      method: 'GET',
      headers: { cookie: session.cookie },
      setupRequest: (r) => ({ ...r, path: `/api/v1/tasks/${next()}` }),
    },
  ];
}
