import { addDays, isoWeekOf, localDay, type TCheckInResult, weekDays, weekdayOf, weekOfInstant } from '@duban/domain';
import type { TRequest } from 'autocannon';
import { sql } from 'drizzle-orm';
import { checkInBatches, checkInBurden, checkIns } from '../../apps/server/src/db/schema/index.ts';
import type { TTx } from '../../apps/server/src/platform/db/client.ts';
import { insertRows, type TGenerateStep } from '../generate.ts';
import type { TSession } from './api.ts';
import { createRandom } from './random.ts';
import type { TGeneratedTask, TGeneratedTasks } from './tasks.ts';

/** Check-ins a person makes in a year (DESIGN.md §4: 1.5 M a year for a county of 5,000). */
export const CHECK_INS_PER_PERSON_YEAR = 300;
/** Check-ins are written to the database in chunks of about this many rows (with their batches). */
const CHUNK = 40_000;
const OPEN = new Set(['acknowledged', 'inProgress']);
const DONE = [
  '完成现场踏勘',
  '召开推进会',
  '完成方案评审',
  '协调资金到位',
  '完成阶段施工',
  '组织入户走访',
  '对接施工单位',
];
const NEXT = ['推进下一节点', '组织专班对接', '完成验收准备', '开展督导检查', '落实整改措施'];
const BLOCKERS = ['用地指标未落实', '资金拨付滞后', '施工受雨季影响', '群众意见未统一'];
const MINUTE_MS = 60_000;

/** An open task (acknowledged or in progress) a person owns, as the load test sees it. */
export interface TOwnedTask {
  id: string;
  /** The task's progress once the generator is done. */
  progress: number;
}

/** A person who owns open tasks, for the load tests. */
export interface TCheckInOwner {
  username: string;
  tasks: TOwnedTask[];
}

/** What the check-in generator made. */
export interface TGeneratedCheckIns {
  /** 'week': the current ISO week up to now; 'year': the 365 days up to now. */
  span: 'week' | 'year';
  week: string;
  /** People who own at least one open task, in generation order. */
  owners: TCheckInOwner[];
  /** People with at least one check-in. */
  people: number;
  checkIns: number;
  /** Check-ins of the current week. */
  weekCheckIns: number;
  batches: number;
  burdenRows: number;
  /** Tasks whose state the generator moved (assigned → acknowledged, closeRequested → inProgress). */
  promoted: number;
  /** People outside the county's own unit left without an open task. */
  withoutTask: number;
  ms: number;
  /** Where the time went: ms per phase. */
  phases: Record<string, number>;
}

export const emptyCheckIns = (): TGeneratedCheckIns => ({
  span: 'week',
  week: '',
  owners: [],
  people: 0,
  checkIns: 0,
  weekCheckIns: 0,
  batches: 0,
  burdenRows: 0,
  promoted: 0,
  withoutTask: 0,
  ms: 0,
  phases: {},
});

/** A task's check-ins: how many it gets in all, and how many it has had so far while rows are written. */
interface TTaskPlan {
  facts: TGeneratedTask;
  total: number;
  seen: number;
  /** How far its progress rises over its check-ins (it ends at the task's progress). */
  rise: number;
  lastProgress: number;
  /** The current week's Monday on which it last had a check-in (for the burden meter's "asked"). */
  checkedWeekOf: string;
}

interface TPlannedBatch {
  ownerIndex: number;
  at: number;
  day: string;
  entries: TTaskPlan[];
}

/**
 * The check-in schedule, day by day: on every working day each owner makes one submit (at a random time between
 * 08:30 and 20:00 Shanghai, never after now) on one or more of their open tasks that have started, in turn.
 * Deterministic for a seed, so that it can be walked twice: once to count, once to write.
 */
function* schedule(
  seed: number,
  owners: { tasks: TTaskPlan[] }[],
  days: string[],
  now: number,
  entriesPerSubmit: number,
): Generator<TPlannedBatch> {
  const random = createRandom(seed);
  const turn = new Array<number>(owners.length).fill(0);
  // Each owner's tasks by start date: the started ones are a prefix, which grows as the days go by.
  const byStart = owners.map((o) => [...o.tasks].sort((a, b) => a.facts.startDate.localeCompare(b.facts.startDate)));
  const startedCount = new Array<number>(owners.length).fill(0);
  const whole = Math.floor(entriesPerSubmit);
  const fraction = entriesPerSubmit - whole;
  for (const day of days) {
    const morning = new Date(`${day}T08:30:00+08:00`).getTime();
    for (let o = 0; o < owners.length; o++) {
      const at = morning + random.int(0, 690) * MINUTE_MS + random.int(0, 59_999);
      const wanted = whole + (random.chance(fraction) ? 1 : 0);
      const tasks = byStart[o] ?? [];
      let started = startedCount[o] ?? 0;
      while (started < tasks.length && (tasks[started]?.facts.startDate ?? '') <= day) started++;
      startedCount[o] = started;
      if (at > now - MINUTE_MS || started === 0 || wanted === 0) continue;
      const entries: TTaskPlan[] = [];
      for (let k = 0; k < Math.min(wanted, started); k++) {
        entries.push(tasks[(turn[o] ?? 0) % started] as TTaskPlan);
        turn[o] = (turn[o] ?? 0) + 1;
      }
      yield { ownerIndex: o, at, day, entries };
    }
  }
}

/** One check-in as the chunk writer takes it: recorded_at as an ISO string, received that many ms later. */
interface TCheckInValues {
  id: string;
  taskId: string;
  authorId: string;
  clientId: string;
  day: string;
  week: string;
  recordedAt: string;
  receivedAfterMs: number;
  noChange: boolean;
  progressBefore: number;
  progress: number;
  done: string | null;
  next: string | null;
  blocker: string | null;
}

/**
 * Check-ins and their submits (batches), column by column, written with one `insert … select … from unnest(…)`
 * each: cheaper than row objects through `insertRows` (no per-value driver mapping, one ISO string a submit), which
 * matters for a year's 1.5 M rows. The columns and values are those the server writes (kind 'progress').
 */
class CheckInChunk {
  checkIns = 0;
  batches = 0;
  #c: { [K in keyof TCheckInValues]: TCheckInValues[K][] } = CheckInChunk.#empty();
  #b = { clientId: [] as string[], authorId: [] as string[], recordedAt: [] as string[], result: [] as string[] };

  static #empty() {
    return {
      id: [],
      taskId: [],
      authorId: [],
      clientId: [],
      day: [],
      week: [],
      recordedAt: [],
      receivedAfterMs: [],
      noChange: [],
      progressBefore: [],
      progress: [],
      done: [],
      next: [],
      blocker: [],
    };
  }

  addCheckIn(values: TCheckInValues): void {
    for (const key of Object.keys(values) as (keyof TCheckInValues)[]) {
      (this.#c[key] as unknown[]).push(values[key]);
    }
    this.checkIns++;
  }

  addBatch(clientId: string, authorId: string, recordedAt: string, resultJson: string): void {
    this.#b.clientId.push(clientId);
    this.#b.authorId.push(authorId);
    this.#b.recordedAt.push(recordedAt);
    this.#b.result.push(resultJson);
    this.batches++;
  }

  clear(): void {
    this.#c = CheckInChunk.#empty();
    this.#b = { clientId: [], authorId: [], recordedAt: [], result: [] };
    this.checkIns = 0;
    this.batches = 0;
  }

  async write(tx: TTx, phase: (name: string) => void): Promise<void> {
    if (this.batches === 0) return;
    const b = this.#b;
    await tx.execute(sql`
      insert into ${checkInBatches} (client_id, author_id, recorded_at, received_at, result)
      select c, a, r, r + interval '200 milliseconds', j::jsonb
      from unnest(${column(b.clientId, 'uuid')}, ${column(b.authorId, 'uuid')}, ${column(b.recordedAt, 'timestamptz')},
        ${column(b.result, 'text')}) as u(c, a, r, j)`);
    phase('insertBatches');
    const c = this.#c;
    await tx.execute(sql`
      insert into ${checkIns} (id, task_id, author_id, client_id, kind, day, week, recorded_at, received_at, no_change,
        progress_before, progress, done, next, blocker)
      select id, task_id, author_id, client_id, 'progress', day, week, r, r + make_interval(secs => ms / 1000.0),
        no_change, before, progress, done, next, blocker
      from unnest(${column(c.id, 'uuid')}, ${column(c.taskId, 'uuid')}, ${column(c.authorId, 'uuid')},
        ${column(c.clientId, 'uuid')}, ${column(c.day, 'date')}, ${column(c.week, 'text')},
        ${column(c.recordedAt, 'timestamptz')}, ${column(c.receivedAfterMs, 'int')}, ${column(c.noChange, 'boolean')},
        ${column(c.progressBefore, 'int')}, ${column(c.progress, 'int')}, ${column(c.done, 'text')},
        ${column(c.next, 'text')}, ${column(c.blocker, 'text')})
        as u(id, task_id, author_id, client_id, day, week, r, ms, no_change, before, progress, done, next, blocker)`);
    phase('insertCheckIns');
  }
}

/** Separates the values of a column sent as one text: JSON.stringify escapes it, and no generated text holds it. */
const UNIT_SEPARATOR = '\u001f';

/**
 * A column's values as one text parameter split in SQL (`string_to_array`, '' standing for null): node-postgres
 * would escape every element of an array parameter, which costs seconds over a year of rows.
 */
function column(values: (string | number | boolean | null)[], type: string) {
  const text = values.map((v) => (v === null ? '' : v === true ? 't' : v === false ? 'f' : String(v)));
  if (text.some((v) => v.includes(UNIT_SEPARATOR))) throw new Error('a value holds the column separator');
  return sql`string_to_array(${text.join(UNIT_SEPARATOR)}, chr(31), '')::${sql.raw(type)}[]`;
}

/**
 * Readies tables for a bulk load inside the generator's transaction: drops their primary keys and indexes (one
 * sorted build at the end is much faster than a million random inserts into a uuid B-tree) and the foreign keys
 * that point at them, and, when the user is a superuser, skips the foreign-key triggers
 * (`session_replication_role = replica`: the rows are consistent by construction). `end()` restores all of it with
 * the same definitions (re-adding a foreign key checks every row).
 */
async function beginBulkLoad(tx: TTx, tables: string[]): Promise<{ end: () => Promise<void> }> {
  const superuser = await tx.execute<{ s: boolean }>(
    sql`select rolsuper as s from pg_roles where rolname = current_user`,
  );
  const names = sql.param(tables);
  const keys = await tx.execute<{ tab: string; name: string; def: string }>(sql`
    select conrelid::regclass::text as tab, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where conrelid::regclass::text = any(${names}::text[]) and contype = 'p'`);
  const referencing = await tx.execute<{ tab: string; name: string; def: string }>(sql`
    select conrelid::regclass::text as tab, conname as name, pg_get_constraintdef(oid) as def from pg_constraint
    where confrelid::regclass::text = any(${names}::text[]) and contype = 'f'`);
  const indexes = await tx.execute<{ name: string; def: string }>(sql`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = current_schema() and tablename = any(${names}::text[])
      and indexname not in (select conname from pg_constraint)`);
  const drop = (c: { tab: string; name: string }) => sql.raw(`alter table ${c.tab} drop constraint "${c.name}"`);
  for (const c of referencing.rows) await tx.execute(drop(c));
  for (const c of keys.rows) await tx.execute(drop(c));
  for (const i of indexes.rows) await tx.execute(sql.raw(`drop index "${i.name}"`));
  const skipTriggers = superuser.rows[0]?.s === true;
  if (skipTriggers) await tx.execute(sql`set local session_replication_role = replica`);
  return {
    end: async () => {
      if (skipTriggers) await tx.execute(sql`set local session_replication_role = origin`);
      const add = (c: { tab: string; name: string; def: string }) =>
        sql.raw(`alter table ${c.tab} add constraint "${c.name}" ${c.def}`);
      for (const c of keys.rows) await tx.execute(add(c));
      for (const i of indexes.rows) await tx.execute(sql.raw(i.def));
      for (const c of referencing.rows) await tx.execute(add(c));
    },
  };
}

/** Working days (Monday–Friday) from `from` to `to`, both included. */
function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (weekdayOf(day) <= 5) days.push(day);
  return days;
}

/**
 * A generator step after `tasksStep`: owners and open states for the generated tasks, then the check-ins (日清) of
 * the current ISO week up to now for everyone who owns an open task — or, with `span: 'year'`, of the 365 days up
 * to now, CHECK_INS_PER_PERSON_YEAR a person — and the week's burden-meter rows. Every column is kept as the server
 * writes it: day and week are the Shanghai day and ISO week of recorded_at, progress_before ≤ progress rising per
 * task to the task's progress, kind 'progress', each submit's batch with its answer. An acknowledged task only gets
 * "no change" entries (any other would have started it).
 */
export function checkInsStep(
  options: { span: 'week' | 'year'; now?: Date },
  generatedTasks: TGeneratedTasks,
  out: TGeneratedCheckIns,
): TGenerateStep {
  return async (tx, county, random) => {
    const started = performance.now();
    let mark = started;
    const phase = (name: string) => {
      const at = performance.now();
      out.phases[name] = (out.phases[name] ?? 0) + Math.round(at - mark);
      mark = at;
    };
    const now = options.now ?? new Date();
    const today = localDay(now);
    const week = weekOfInstant(now);
    const monday = weekDays(week).first;
    // In the generator's order, so that a seed always gives the same schedule.
    const facts = generatedTasks.tasks;
    const personIndex = new Map(county.people.map((p, i) => [p.id, i]));
    const openByPerson = new Map<number, TTaskPlan[]>();
    for (const t of facts) {
      if (!t.ownerId || !OPEN.has(t.state)) continue;
      const index = personIndex.get(t.ownerId) ?? -1;
      const plan: TTaskPlan = {
        facts: t,
        total: 0,
        seen: 0,
        rise: 0,
        lastProgress: t.progress,
        checkedWeekOf: '',
      };
      openByPerson.set(index, [...(openByPerson.get(index) ?? []), plan]);
    }
    const ownerIndexes = [...openByPerson.keys()].sort((a, b) => a - b);
    const planned = ownerIndexes.map((i) => ({ person: county.people[i], tasks: openByPerson.get(i) ?? [] }));
    out.owners = planned.map((o) => ({
      username: o.person?.username ?? '',
      tasks: o.tasks.map((t) => ({ id: t.facts.id, progress: t.facts.progress })),
    }));

    const days = workingDays(options.span === 'year' ? addDays(today, -364) : monday, today);
    const seed = random.int(1, 2 ** 31 - 1);
    const nowMs = now.getTime();
    // Entries per submit: about 1.25 in a week; for the year as many as make CHECK_INS_PER_PERSON_YEAR a person.
    let perSubmit = 1.25;
    if (options.span === 'year') {
      // A person with few started tasks makes fewer entries than asked: aim again until the total is about right.
      const target = CHECK_INS_PER_PERSON_YEAR * county.people.length;
      // Secant steps on entries(perSubmit), which bends as more people run out of started tasks.
      let previous: { perSubmit: number; entries: number } | null = null;
      for (let round = 0; round < 6; round++) {
        let entries = 0;
        for (const batch of schedule(seed, planned, days, nowMs, perSubmit)) entries += batch.entries.length;
        if (Math.abs(entries - target) < target * 0.003) break;
        const slope: number =
          previous && entries !== previous.entries
            ? (perSubmit - previous.perSubmit) / (entries - previous.entries)
            : perSubmit / Math.max(1, entries);
        previous = { perSubmit, entries };
        perSubmit = Math.min(8, Math.max(1, perSubmit + (target - entries) * slope));
      }
    }
    // First walk: how many check-ins each task gets, so that its progress can rise to where the task stands.
    for (const batch of schedule(seed, planned, days, nowMs, perSubmit)) for (const t of batch.entries) t.total++;
    for (const o of planned) {
      for (const t of o.tasks) {
        t.rise = t.facts.state === 'acknowledged' ? 0 : Math.min(t.facts.progress, Math.round(t.total * 1.5));
        t.lastProgress = t.facts.progress - t.rise;
      }
    }

    phase('schedule');
    // Second walk: the rows, written in chunks.
    const entryRandom = createRandom(seed + 1);
    const authors = new Set<number>();
    const burden = new Map<string, typeof checkInBurden.$inferInsert>();
    const pathOf = new Map(county.units.map((u) => [u.id, u.path]));
    const chunk = new CheckInChunk();
    const weeks = new Map<string, string>();
    const weekOf = (day: string) => {
      let found = weeks.get(day);
      if (!found) {
        found = isoWeekOf(day);
        weeks.set(day, found);
      }
      return found;
    };
    const flush = async () => {
      phase('rows');
      await chunk.write(tx, phase);
      out.checkIns += chunk.checkIns;
      out.batches += chunk.batches;
      chunk.clear();
    };
    const bulk = options.span === 'year' ? await beginBulkLoad(tx, ['check_ins', 'check_in_batches']) : null;
    phase('bulkBegin');
    for (const batch of schedule(seed, planned, days, nowMs, perSubmit)) {
      const owned = planned[batch.ownerIndex];
      const person = owned?.person;
      if (!person) continue;
      const recordedAt = new Date(batch.at).toISOString();
      const batchWeek = weekOf(batch.day);
      const clientId = crypto.randomUUID();
      const result: TCheckInResult = { clientId, recordedAt, duplicate: false, entries: [] };
      let fields = 0;
      for (const t of batch.entries) {
        t.seen++;
        const before = t.lastProgress;
        const progress = t.facts.progress - t.rise + Math.floor((t.rise * t.seen) / Math.max(1, t.total));
        t.lastProgress = progress;
        const noChange = t.facts.state === 'acknowledged' || (progress === before && entryRandom.chance(0.5));
        const blocker = !noChange && entryRandom.chance(0.05) ? entryRandom.pick(BLOCKERS) : null;
        const id = crypto.randomUUID();
        fields += noChange ? 1 : 3 + (blocker ? 1 : 0);
        chunk.addCheckIn({
          id,
          taskId: t.facts.id,
          authorId: person.id,
          clientId,
          day: batch.day,
          week: batchWeek,
          recordedAt,
          receivedAfterMs: entryRandom.int(200, 5_000),
          noChange,
          progressBefore: before,
          progress,
          done: noChange ? null : entryRandom.pick(DONE),
          next: noChange ? null : entryRandom.pick(NEXT),
          blocker,
        });
        result.entries.push({ taskId: t.facts.id, checkInId: id, kind: 'progress', notice: null });
        if (batchWeek === week) out.weekCheckIns++;
      }
      authors.add(batch.ownerIndex);
      chunk.addBatch(clientId, person.id, recordedAt, JSON.stringify(result));
      if (batchWeek === week) {
        // What the screen asked that day (by the weekly cadence: the started tasks without a check-in this week).
        const asked = owned.tasks.filter((t) => t.facts.startDate <= batch.day && t.checkedWeekOf !== monday).length;
        for (const t of batch.entries) t.checkedWeekOf = monday;
        burden.set(`${person.id}/${batch.day}`, {
          userId: person.id,
          day: batch.day,
          week,
          unitId: person.unitId,
          unitPath: pathOf.get(person.unitId) ?? '',
          entriesAsked: asked,
          fieldsAsked: asked * 3,
          entriesMade: batch.entries.length,
          fieldsFilled: fields,
          secondsOpen: 15 + batch.entries.length * entryRandom.int(10, 90),
        });
      }
      if (chunk.checkIns >= CHUNK) await flush();
    }
    await flush();
    await bulk?.end();
    phase('bulkEnd');
    await insertRows(tx, checkInBurden, [...burden.values()]);
    phase('insertBurden');
    Object.assign(out, {
      span: options.span,
      week,
      people: authors.size,
      burdenRows: burden.size,
      promoted: generatedTasks.opened,
      withoutTask: generatedTasks.withoutTask,
      ms: Math.round(performance.now() - started),
    });
  };
}

/** Vacuums and analyses the check-in tables after the bulk load, as autovacuum would have on a live system. */
export async function vacuumCheckIns(execute: (query: string) => Promise<unknown>): Promise<void> {
  await execute('vacuum (analyze) check_ins, check_in_batches, check_in_burden, tasks');
}

/** A logged-in owner with their open tasks, and what the load test has reported on each so far. */
export interface TCheckInSession {
  session: TSession;
  tasks: TOwnedTask[];
}

function cycle<T>(items: readonly T[]): () => T {
  if (items.length === 0) throw new Error('nothing to cycle through');
  let i = 0;
  return () => items[i++ % items.length] as T;
}

/**
 * POST /check-ins, each request the next session's next submit: a fresh clientId, recordedAt now, 1–3 of the
 * session's open tasks in turn, progress one point above what was last reported (never below the task's), or
 * "no change" one time in five and once a task reaches 100.
 */
export function checkInRequests(sessions: readonly TCheckInSession[], seed = 5): TRequest[] {
  const random = createRandom(seed);
  const next = cycle(sessions);
  const turn = new Map<TCheckInSession, number>();
  const body = () => {
    const s = next();
    const count = Math.min(s.tasks.length, random.int(1, 3));
    const start = turn.get(s) ?? 0;
    turn.set(s, start + count);
    const entries = Array.from({ length: count }, (_, k) => {
      const task = s.tasks[(start + k) % s.tasks.length] as TOwnedTask;
      if (task.progress >= 100 || random.chance(0.2)) return { taskId: task.id, noChange: true };
      task.progress++;
      return {
        taskId: task.id,
        progress: task.progress,
        done: random.pick(DONE),
        next: random.pick(NEXT),
        ...(random.chance(0.05) ? { blocker: random.pick(BLOCKERS) } : {}),
      };
    });
    return {
      headers: { 'content-type': 'application/json', cookie: s.session.cookie, 'x-csrf-token': s.session.csrf },
      body: JSON.stringify({
        clientId: crypto.randomUUID(),
        recordedAt: new Date().toISOString(),
        entries,
        openSeconds: random.int(20, 240),
      }),
    };
  };
  return [
    {
      method: 'POST',
      path: '/api/v1/check-ins',
      setupRequest: (request) => ({ ...request, ...body() }),
    },
  ];
}

/** GET /me/today, rotating over owners' sessions. */
export function todayRequests(sessions: readonly TCheckInSession[]): TRequest[] {
  const next = cycle(sessions);
  return [
    {
      method: 'GET',
      path: '/api/v1/me/today',
      setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: next().session.cookie } }),
    },
  ];
}

/** Sanity check for the load: a submit of one owner answers 201 with every entry applied, not kept as a note. */
export function checkSubmitResult(status: number, body: unknown): void {
  const result = body as Partial<TCheckInResult>;
  const notes = result.entries?.filter((e) => e.kind !== 'progress' || e.notice !== null) ?? [];
  if (status !== 201 || !result.entries?.length || notes.length) {
    throw new Error(`POST /check-ins: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}
