import {
  ANSWERED_STEPS,
  answerDueOn,
  COCKPIT_REMINDER_DAYS,
  daysBetween,
  initialEscalationState,
  localDay,
  type TEscalation,
  type TEscalationAnswer,
  type TEscalationOrigin,
  type TEscalationQuery,
  type TEscalationState,
  type TEscalationStep,
  type TRaiseEscalation,
} from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import { escapeLike, hasRole, isInScope, scopeOf, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit, appendAudits } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { notifyUsers } from '../inbox/inbox.repo.ts';
import { loadRulebook } from '../lights/rulebook.ts';
import { findUnit } from '../org/org.repo.ts';
import { visibleTasksCondition } from '../tasks/tasks.policy.ts';
import { loadTask } from '../tasks/tasks.service.ts';
import * as repo from './escalations.repo.ts';
import { notifyEscalations, recipientsOf } from './ladder.ts';

const LIVE_STATES = ['assigned', 'acknowledged', 'inProgress', 'closeRequested'];

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/** True when the actor supervises the unit (records an admonition's outcome, raises steps by hand). */
const supervises = (actor: TActor, unitPath: string) => isInScope(scopeOf(actor, 'supervisor'), unitPath);

function present(row: repo.TEscalationRow, actor: TActor, today: string): TEscalation {
  const step = row.step as TEscalationStep;
  const state = row.state as TEscalationState;
  const addressed = row.recipientIds.includes(actor.id);
  return {
    id: row.id,
    taskId: row.taskId,
    taskTitle: row.taskTitle,
    leadUnitId: row.leadUnitId,
    leadUnitName: row.leadUnitName,
    light: row.light,
    step,
    origin: row.origin as TEscalationOrigin,
    state,
    raisedBy: row.raisedById ? { id: row.raisedById, name: row.raisedByName ?? '' } : null,
    raisedAt: iso(row.raisedAt) ?? '',
    reason: row.reason,
    recipients: row.recipients,
    answerDueOn: row.answerDueOn,
    ageDays: Math.max(0, daysBetween(localDay(new Date(row.raisedAt)), today)),
    answer: (row.answer as TEscalationAnswer | null) ?? null,
    answeredBy: row.answeredById ? { id: row.answeredById, name: row.answeredByName ?? '' } : null,
    answeredAt: iso(row.answeredAt),
    outcome: row.outcome,
    outcomeAt: iso(row.outcomeAt),
    can: {
      answer: addressed && ANSWERED_STEPS.includes(step) && (state === 'open' || state === 'escalated'),
      recordOutcome: step === 'admonish' && state === 'open' && supervises(actor, row.leadUnitPath),
    },
  };
}

/**
 * The supervision desk and "what needs me": escalations on the tasks the actor sees, or (mine) addressed to them.
 * Open and overdue lists come oldest first (by age); the rest newest first.
 */
export async function listEscalations(db: TDb, actor: TActor, q: TEscalationQuery, now = clockNow()) {
  const today = localDay(now);
  const conditions: SQL[] = [];
  const mine = sql`e.recipient_ids @> array[${actor.id}]::uuid[]`;
  conditions.push(q.mine === 'true' ? mine : sql`(${mine} or ${visibleTasksCondition(actor)})`);
  if (q.state) conditions.push(sql`e.state = ${q.state}`);
  if (q.step) conditions.push(sql`e.step = ${q.step}`);
  if (q.taskId) conditions.push(sql`e.task_id = ${q.taskId}`);
  if (q.overdue === 'true') conditions.push(sql`e.state = 'open' and e.answer_due_on < ${today}::date`);
  if (q.inProgress === 'true') {
    // The cockpit's kept counts date a reminder by its day in Asia/Shanghai (duban_escalation_count_day).
    conditions.push(sql`(e.state = 'open' or (e.state = 'sent' and e.step = 'remind'
      and (e.raised_at at time zone 'Asia/Shanghai')::date > ${today}::date - ${COCKPIT_REMINDER_DAYS}::int))`);
  }
  if (q.unitId) {
    const unit = await findUnit(db, q.unitId);
    if (!unit) throw notFound('unit');
    conditions.push(sql`lu.path collate "C" like ${`${escapeLike(unit.path)}%`}`);
  }
  const oldestFirst = q.state === 'open' || q.overdue === 'true' || q.inProgress === 'true';
  const where = sql.join(conditions, sql` and `);
  const rows = await repo.listEscalations(db, where, oldestFirst, q.page, q.pageSize);
  return {
    items: rows.map((r) => present(r, actor, today)),
    total: Number(rows[0]?.total ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The urge and supervision notices addressed to the actor and still owed an answer, oldest first. */
export async function answerableEscalations(db: TDb, actor: TActor, limit: number, now = clockNow()) {
  const where = sql`e.recipient_ids @> array[${actor.id}]::uuid[] and e.state in ('open', 'escalated')
    and e.step in ('urge', 'supervisionNotice')`;
  const rows = await repo.listEscalations(db, where, true, 1, limit);
  return { total: Number(rows[0]?.total ?? 0), items: rows.map((r) => present(r, actor, localDay(now))) };
}

async function getEscalation(db: TDb, actor: TActor, id: string, now: Date): Promise<TEscalation> {
  const row = await repo.findEscalation(db, id);
  if (!row) throw notFound('escalation');
  return present(row, actor, localDay(now));
}

/**
 * A supervisor climbs the ladder by hand for one task or many: all or nothing. A task out of the supervisor's
 * scope is 404; one that is not live (a draft, closed or cancelled) is 422 naming it.
 */
export async function raiseEscalations(db: TDb, actor: TActor, input: TRaiseEscalation, now = clockNow()) {
  if (!hasRole(actor, 'supervisor')) throw new AppError('FORBIDDEN', 'only supervisors raise escalations');
  const taskIds = [...new Set(input.taskIds)];
  const ids = await db.transaction(async (tx) => {
    const rulebook = await loadRulebook(tx);
    const today = localDay(now);
    const tasks = [];
    for (const [i, taskId] of taskIds.entries()) {
      const { row } = await loadTask(tx, actor, taskId);
      if (!supervises(actor, row.leadUnitPath)) throw notFound('task');
      if (!LIVE_STATES.includes(row.task.state)) {
        throw invalid(`taskIds.${i}`, `a task that is ${row.task.state} cannot be escalated`);
      }
      tasks.push(row.task);
    }
    const heads = await repo.headsOfUnits(
      tx,
      tasks.map((t) => t.leadUnitId),
    );
    const inserted = await repo.insertEscalations(
      tx,
      tasks.map((t) => ({
        taskId: t.id,
        step: input.step,
        origin: 'manual',
        episode: null,
        raisedBy: actor.id,
        raisedAt: now,
        reason: input.reason,
        recipientIds: recipientsOf(input.step, t, heads),
        answerDueOn: answerDueOn(rulebook.calendar, rulebook.rules, input.step, today),
        state: initialEscalationState(input.step),
      })),
    );
    await notifyEscalations(tx, inserted, new Map(tasks.map((t) => [t.id, t])));
    await appendAudits(
      tx,
      inserted.map((e) => ({
        actor: auditActor(actor),
        action: `escalation.${e.step}`,
        targetType: 'task',
        targetId: e.taskId,
        before: null,
        after: { escalationId: e.id, step: e.step, reason: e.reason, recipientIds: e.recipientIds },
        ip: actor.ip,
      })),
    );
    return inserted.map((e) => e.id);
  });
  const items = await Promise.all(ids.map((id) => getEscalation(db, actor, id, now)));
  return { items };
}

/** A recipient answers an urge notice or a supervision notice: situation, plan and the date they commit to. */
export async function answerEscalation(
  db: TDb,
  actor: TActor,
  id: string,
  answer: TEscalationAnswer,
  now = clockNow(),
): Promise<TEscalation> {
  await db.transaction(async (tx) => {
    const row = await repo.findEscalation(tx, id, true);
    if (!row?.recipientIds.includes(actor.id)) throw notFound('escalation');
    if (!ANSWERED_STEPS.includes(row.step as TEscalationStep)) {
      throw new AppError('CONFLICT', `a ${row.step} takes no answer`, { field: 'step' });
    }
    if (row.state !== 'open' && row.state !== 'escalated') {
      throw new AppError('CONFLICT', `this ${row.step} is already ${row.state}`, { field: 'state' });
    }
    await tx.execute(sql`update escalations set state = 'answered', answer = ${JSON.stringify(answer)}::jsonb,
      answered_by = ${actor.id}, answered_at = ${now} where id = ${id}`);
    if (row.raisedById) {
      await notifyUsers(tx, [row.raisedById], {
        kind: 'escalationAnswered',
        taskId: row.taskId,
        title: row.taskTitle,
        body: answer.situation,
      });
    }
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'escalation.answer',
      targetType: 'task',
      targetId: row.taskId,
      before: { escalationId: id, state: row.state },
      after: { escalationId: id, state: 'answered', answer },
      ip: actor.ip,
    });
  });
  return getEscalation(db, actor, id, now);
}

/** A supervisor records the outcome of an admonition interview (约谈). */
export async function recordOutcome(
  db: TDb,
  actor: TActor,
  id: string,
  outcome: string,
  now = clockNow(),
): Promise<TEscalation> {
  await db.transaction(async (tx) => {
    const row = await repo.findEscalation(tx, id, true);
    if (!row) throw notFound('escalation');
    await loadTask(tx, actor, row.taskId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('escalation') : error;
    });
    if (!supervises(actor, row.leadUnitPath)) throw new AppError('FORBIDDEN', 'only the supervisors record outcomes');
    if (row.step !== 'admonish') {
      throw new AppError('CONFLICT', 'only an admonition records an outcome', { field: 'step' });
    }
    if (row.state !== 'open') throw new AppError('CONFLICT', 'the outcome is already recorded', { field: 'state' });
    await tx.execute(sql`update escalations set state = 'closed', outcome = ${outcome}, outcome_by = ${actor.id},
      outcome_at = ${now} where id = ${id}`);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'escalation.outcome',
      targetType: 'task',
      targetId: row.taskId,
      before: { escalationId: id, state: row.state },
      after: { escalationId: id, state: 'closed', outcome },
      ip: actor.ip,
    });
  });
  return getEscalation(db, actor, id, now);
}
