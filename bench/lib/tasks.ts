import type { TRequest } from 'autocannon';
import { milestones, taskLists, tasks, taskUnits } from '../../apps/server/src/db/schema/index.ts';
import { insertRows, type TCounty, type TGenerateStep } from '../generate.ts';
import type { TSession } from './api.ts';
import type { TRandom } from './random.ts';

/** A generated task, as later steps (check-ins) and the load tests need it. */
export interface TGeneratedTask {
  id: string;
  leadUnitId: string;
  coUnitIds: string[];
  ownerId: string | null;
  state: string;
  progress: number;
  startDate: string;
}

/** What the task generator made, for the load tests. */
export interface TGeneratedTasks {
  ids: string[];
  /** Every generated task, in the order generated. */
  tasks: TGeneratedTask[];
  /** Tasks given an open state so that each person owns one (assigned → acknowledged, closeRequested → inProgress). */
  opened: number;
  /** People outside the county's own unit left without an open task. */
  withoutTask: number;
  /** Units that lead at least one task, with the states their tasks are in. */
  leadUnits: string[];
  milestones: number;
}

const OPEN = new Set(['acknowledged', 'inProgress']);
const DAY_MS = 86_400_000;
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
 * Gives every task an owner (tasks.owner_id): one live task of its lead unit for each of the unit's people (open
 * ones first), the unit's other tasks round-robin; people of a unit that leads fewer live tasks than it has people
 * take a task their unit co-leads (the server allows an owner of a co-unit). Each person's first task is made open:
 * assigned → acknowledged, closeRequested → inProgress. The county's own people (leaders, judges, admins) own none:
 * it leads no task. Changes `state` and `ownerId` in place.
 */
export function assignOwners(county: TCounty, generated: TGeneratedTask[], random: TRandom) {
  const peopleByUnit = new Map<string, string[]>();
  for (const p of county.people) {
    if (p.unitId === county.root.id) continue;
    const list = peopleByUnit.get(p.unitId) ?? [];
    list.push(p.id);
    peopleByUnit.set(p.unitId, list);
  }
  const byLead = new Map<string, TGeneratedTask[]>();
  const byCo = new Map<string, TGeneratedTask[]>();
  const add = (map: Map<string, TGeneratedTask[]>, key: string, t: TGeneratedTask) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  for (const t of generated) {
    add(byLead, t.leadUnitId, t);
    for (const co of t.coUnitIds) add(byCo, co, t);
  }
  const first = new Set<string>();
  const leftovers: { personId: string; unitId: string }[] = [];
  for (const unit of county.units) {
    const people = random.shuffle(peopleByUnit.get(unit.id) ?? []);
    const lead = byLead.get(unit.id) ?? [];
    const live = [
      ...lead.filter((t) => OPEN.has(t.state)),
      ...lead.filter((t) => t.state !== 'closed' && !OPEN.has(t.state)),
    ];
    live.slice(0, people.length).forEach((t, i) => {
      t.ownerId = people[i] ?? null;
      first.add(t.id);
    });
    for (const personId of people.slice(live.length)) leftovers.push({ personId, unitId: unit.id });
    let next = 0;
    for (const t of lead) {
      if (t.ownerId || people.length === 0) continue;
      t.ownerId = people[next++ % people.length] ?? null;
    }
  }
  let withoutTask = 0;
  for (const { personId, unitId } of leftovers) {
    const t = (byCo.get(unitId) ?? []).find((c) => c.state !== 'closed' && !first.has(c.id));
    if (!t) {
      withoutTask++;
      continue;
    }
    t.ownerId = personId;
    first.add(t.id);
  }
  let opened = 0;
  for (const t of generated) {
    if (!first.has(t.id) || OPEN.has(t.state)) continue;
    t.state = t.state === 'assigned' ? 'acknowledged' : 'inProgress';
    opened++;
  }
  return { opened, withoutTask };
}

/**
 * A generator step: `count` tasks in 20 lists, each led by a random unit with one co-unit, three milestones, the
 * unit rows the scope checks use, spread over the year and over every state; each with an owner (see
 * `assignOwners`: everyone outside the county's own unit owns at least one open task). A closed task was last
 * updated some time after its start, not now.
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
    const now = Date.now();
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
      out.tasks.push({
        id,
        leadUnitId: lead.id,
        coUnitIds: co.id === county.root.id ? [] : [co.id],
        ownerId: null,
        state,
        progress: Math.round((done / 3) * 100),
        startDate: `${year}-${String(startMonth).padStart(2, '0')}-01`,
      });
    }
    const { opened, withoutTask } = assignOwners(county, out.tasks, random);
    out.opened = opened;
    out.withoutTask = withoutTask;
    taskRows.forEach((row, i) => {
      const t = out.tasks[i];
      if (!t) return;
      row.ownerId = t.ownerId;
      row.state = t.state;
      // The roll-up counts a closed task in the week it was last updated.
      if (t.state === 'closed') {
        const start = new Date(`${t.startDate}T09:00:00+08:00`).getTime();
        row.updatedAt = new Date(Math.min(now, start + random.int(30, 300) * DAY_MS));
      }
    });
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
