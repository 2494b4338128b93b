import {
  MONTHS_IN_YEAR,
  type TCreateTarget,
  type TSetAllocations,
  type TTarget,
  type TTargetKind,
  type TUpdateTarget,
  valueProblem,
} from '@duban/domain';
import { isInScope, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { lastAuditChange, requireVersion, type TIfMatch } from '../../platform/versions.ts';
import { relightTargets } from './targets.pace.ts';
import { canCreateTargets, canManageTargetsIn, overseeScope, requireManage } from './targets.policy.ts';
import { loadTarget, presentLoadedTarget, type TLoadedTarget } from './targets.read.ts';
import * as repo from './targets.repo.ts';

export { checkActualRows, type TActualProblem, type TActualRow, writeActuals } from './target-actuals.service.ts';
export { relightTargets } from './targets.pace.ts';

/** The figures of a target as they will stand, and which of them the request sent (to name the field at fault). */
interface TFigures {
  kind: TTargetKind;
  total: number;
  monthlyPlan: number[] | null;
  sent: { kind: boolean; total: boolean; monthlyPlan: boolean };
}

/**
 * Checks a target's yearly figure and monthly plan against its kind: the total a valid value; the plan 12 cumulative
 * figures, each valid, not negative, never below the month before, and December's equal to the total.
 */
function checkFigures(f: TFigures): void {
  const totalIssue = valueProblem(f.kind, f.total);
  if (totalIssue) throw invalid(f.sent.total || !f.sent.kind ? 'total' : 'kind', `the total ${totalIssue}`);
  const plan = f.monthlyPlan;
  if (!plan) return;
  const fieldOf = (i: number) => (f.sent.monthlyPlan || !f.sent.kind ? `monthlyPlan.${i}` : 'kind');
  plan.forEach((value, i) => {
    const issue = value < 0 ? 'must not be negative' : valueProblem(f.kind, value);
    if (issue) throw invalid(fieldOf(i), `the plan for month ${i + 1} ${issue}`);
    const before = plan[i - 1];
    if (before !== undefined && value < before) {
      throw invalid(fieldOf(i), `the plan is cumulative: month ${i + 1} must not be below month ${i}`);
    }
  });
  if (plan[MONTHS_IN_YEAR - 1] !== f.total) {
    throw invalid(
      f.sent.monthlyPlan ? `monthlyPlan.${MONTHS_IN_YEAR - 1}` : 'total',
      'the plan for December must equal the total',
    );
  }
}

/** Refuses a reporting unit that is not an active unit. */
async function checkReportingUnit(db: TQueryable, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const unit = (await repo.findUnits(db, [id])).get(id);
  if (!unit?.isActive) throw invalid('reportingUnitId', 'no such active unit');
}

/** Refuses (409) a second target of the same name in the unit's year. */
async function checkName(db: TQueryable, unitId: string, year: number, name: string, exceptId?: string) {
  if (await repo.findTargetNamed(db, unitId, year, name, exceptId)) {
    throw new AppError('DUPLICATE', `the unit already has a target named ${name} in ${year}`, { field: 'name' });
  }
}

/** The top unit the actor oversees (the county, for its leaders and supervisors): where targets go by default. */
function defaultUnitId(actor: TActor): string | null {
  const grants = actor.grants
    .filter((g) => g.role === 'leader' || g.role === 'supervisor')
    .sort((a, b) => a.unitPath.length - b.unitPath.length);
  return grants[0]?.unitId ?? null;
}

/**
 * A leader or supervisor sets a yearly target for a unit they oversee (by default the top one); its kept figures are
 * computed and its first light recorded in the same transaction.
 */
export async function createTarget(db: TDb, actor: TActor, input: TCreateTarget, now = clockNow()): Promise<TTarget> {
  if (!canCreateTargets(actor)) throw new AppError('FORBIDDEN', 'only leaders and supervisors set targets');
  const id = await db.transaction(async (tx) => {
    const unitId = input.unitId ?? defaultUnitId(actor);
    const unit = unitId ? (await repo.findUnits(tx, [unitId])).get(unitId) : undefined;
    if (!unit?.isActive) throw invalid('unitId', 'no such active unit');
    if (!canManageTargetsIn(actor, unit.path)) throw invalid('unitId', 'this unit is outside your scope');
    await checkReportingUnit(tx, input.reportingUnitId);
    const monthlyPlan = input.monthlyPlan ?? null;
    checkFigures({
      kind: input.kind,
      total: input.total,
      monthlyPlan,
      sent: { kind: true, total: true, monthlyPlan: true },
    });
    await checkName(tx, unit.id, input.year, input.name);
    const values = {
      year: input.year,
      name: input.name,
      measure: input.measure,
      kind: input.kind,
      direction: input.direction,
      accumulation: input.accumulation,
      total: input.total,
      monthlyPlan,
      unitId: unit.id,
      reportingUnitId: input.reportingUnitId ?? null,
      note: input.note ?? null,
    };
    const target = await repo.insertTarget(tx, { ...values, createdBy: actor.id, createdAt: now, updatedAt: now });
    await relightTargets(tx, [target.id], 'create', now);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'target.create',
      targetType: 'target',
      targetId: target.id,
      after: values,
      ip: actor.ip,
    });
    return target.id;
  });
  return presentLoadedTarget(db, actor, await loadTarget(db, actor, id));
}

const EDITABLE = [
  'name',
  'measure',
  'kind',
  'direction',
  'accumulation',
  'total',
  'monthlyPlan',
  'reportingUnitId',
  'note',
] as const;

/** How a write on a target is made: the If-Match it was sent with, and the clock. */
export interface TTargetWriteOptions {
  ifMatch?: TIfMatch;
  now?: Date;
}

/**
 * Refuses a write on a target (held locked) that changed since the version If-Match names: 412 with the target as
 * the actor sees it now and its last edit or allocation (reported actuals do not change the target's version).
 */
function requireTargetVersion(tx: TQueryable, actor: TActor, loaded: TLoadedTarget, ifMatch: TIfMatch) {
  const id = loaded.row.target.id;
  return requireVersion(
    ifMatch,
    { what: 'target', version: loaded.row.target.version },
    {
      present: () => presentLoadedTarget(tx, actor, loaded),
      lastChange: () =>
        lastAuditChange(tx, { targetType: 'target', targetId: id, actions: 'target.%', skip: ['target.reportActual'] }),
    },
  );
}

/**
 * Changes a target (its managers only); the kept figures follow in the same transaction. A new kind must suit every
 * allocation and every actual on record (else 422 naming `kind`). With If-Match, a target changed meanwhile is
 * refused (412) and nothing is written.
 */
export async function updateTarget(
  db: TDb,
  actor: TActor,
  id: string,
  input: TUpdateTarget,
  { ifMatch, now = clockNow() }: TTargetWriteOptions = {},
): Promise<TTarget> {
  await db.transaction(async (tx) => {
    const loaded = await loadTarget(tx, actor, id, { lock: true });
    requireManage(actor, loaded.facts, 'change it');
    await requireTargetVersion(tx, actor, loaded, ifMatch);
    const t = loaded.row.target;
    const current: Record<(typeof EDITABLE)[number], unknown> = {
      name: t.name,
      measure: t.measure,
      kind: t.kind,
      direction: t.direction,
      accumulation: t.accumulation,
      total: t.total,
      monthlyPlan: t.monthlyPlan ?? null,
      reportingUnitId: t.reportingUnitId,
      note: t.note,
    };
    const changed = EDITABLE.filter(
      (k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(current[k]),
    );
    if (changed.length === 0) return;
    const next = { ...current, ...Object.fromEntries(changed.map((k) => [k, input[k]])) } as typeof current;
    const kind = next.kind as TTargetKind;
    checkFigures({
      kind,
      total: next.total as number,
      monthlyPlan: next.monthlyPlan as number[] | null,
      sent: {
        kind: changed.includes('kind'),
        total: input.total !== undefined,
        monthlyPlan: input.monthlyPlan !== undefined,
      },
    });
    if (changed.includes('kind')) await checkKindFits(tx, id, kind);
    if (changed.includes('name')) await checkName(tx, t.unitId, t.year, next.name as string, id);
    if (changed.includes('reportingUnitId')) await checkReportingUnit(tx, next.reportingUnitId as string | null);
    const values = Object.fromEntries(changed.map((k) => [k, next[k]]));
    await repo.updateTarget(tx, id, { ...values, updatedAt: now });
    await relightTargets(tx, [id], 'update', now);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'target.update',
      targetType: 'target',
      targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: values,
      ip: actor.ip,
    });
  });
  return presentLoadedTarget(db, actor, await loadTarget(db, actor, id));
}

/** Refuses a kind that an allocation or an actual on record does not suit (a count's figures are whole). */
async function checkKindFits(db: TQueryable, id: string, kind: TTargetKind): Promise<void> {
  const allocations = await repo.listAllocations(db, id);
  for (const a of allocations) {
    const issue = valueProblem(kind, a.allocation.amount);
    if (issue) throw invalid('kind', `the allocation of ${a.unitName} (${a.allocation.amount}) ${issue}`);
  }
  for (const a of await repo.actualValues(db, [id])) {
    const issue = valueProblem(kind, a.value);
    if (issue) throw invalid('kind', `an actual on record (month ${a.month}: ${a.value}) ${issue}`);
  }
}

/**
 * Replaces a target's allocations whole, all or nothing: each to an active unit under the target's unit within the
 * actor's scope (a unit already allocated keeps its share even if since made inactive), once. Removed allocations go
 * with their light history; their units' actuals stay on record. The kept figures follow in the same transaction.
 * A new set moves the target's version; with If-Match, a target changed meanwhile is refused (412).
 */
export async function setAllocations(
  db: TDb,
  actor: TActor,
  id: string,
  input: TSetAllocations,
  { ifMatch, now = clockNow() }: TTargetWriteOptions = {},
): Promise<TTarget> {
  await db.transaction(async (tx) => {
    const loaded = await loadTarget(tx, actor, id, { lock: true });
    requireManage(actor, loaded.facts, 'allocate it');
    await requireTargetVersion(tx, actor, loaded, ifMatch);
    const t = loaded.row.target;
    const current = await repo.listAllocations(tx, id);
    const currentBy = new Map(current.map((a) => [a.allocation.unitId, a.allocation]));
    const units = await repo.findUnits(
      tx,
      input.allocations.map((a) => a.unitId),
    );
    const scope = overseeScope(actor);
    const seen = new Set<string>();
    input.allocations.forEach((a, i) => {
      const field = `allocations.${i}.unitId`;
      const unit = units.get(a.unitId);
      if (seen.has(a.unitId)) throw invalid(field, 'the unit appears twice');
      seen.add(a.unitId);
      if (!unit) throw invalid(field, 'no such unit');
      if (a.unitId === t.unitId) throw invalid(field, "the target's own unit takes no allocation");
      if (!unit.path.startsWith(loaded.row.unitPath) || !isInScope(scope, unit.path)) {
        throw invalid(field, "the unit is not under the target's unit within your scope");
      }
      if (!unit.isActive && !currentBy.has(a.unitId)) throw invalid(field, 'the unit is inactive');
      const issue = valueProblem(t.kind as TTargetKind, a.amount);
      if (issue) throw invalid(`allocations.${i}.amount`, `the amount ${issue}`);
    });
    const removed = current.filter((a) => !seen.has(a.allocation.unitId)).map((a) => a.allocation.id);
    const changed = input.allocations.flatMap((a) => {
      const before = currentBy.get(a.unitId);
      return before && before.amount !== a.amount ? [{ id: before.id, amount: a.amount }] : [];
    });
    const added = input.allocations
      .filter((a) => !currentBy.has(a.unitId))
      .map((a) => ({ targetId: id, unitId: a.unitId, unitPath: units.get(a.unitId)?.path ?? '', amount: a.amount }));
    if (removed.length + changed.length + added.length === 0) return;
    await repo.deleteAllocations(tx, removed);
    await repo.updateAllocationAmounts(tx, changed, now);
    await repo.insertAllocations(tx, added);
    await repo.updateTarget(tx, id, { updatedAt: now, version: t.version + 1 });
    await relightTargets(tx, [id], 'allocate', now);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'target.allocate',
      targetType: 'target',
      targetId: id,
      before: { allocations: current.map((a) => ({ unitId: a.allocation.unitId, amount: a.allocation.amount })) },
      after: { allocations: input.allocations },
      ip: actor.ip,
    });
  });
  return presentLoadedTarget(db, actor, await loadTarget(db, actor, id));
}
