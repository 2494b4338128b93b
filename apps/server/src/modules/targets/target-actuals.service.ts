import {
  latestReportableMonth,
  localDay,
  MONTHS_IN_YEAR,
  type TActual,
  type TReportActual,
  type TTarget,
  type TTargetKind,
  valueProblem,
  zText,
} from '@duban/domain';
import { isInScope, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudits, type TAuditInput } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb, TQueryable, TTx } from '../../platform/db/client.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { relightTargets } from './targets.pace.ts';
import { allocationReach, canReportCounty, canReportUnit, canSeeTarget } from './targets.policy.ts';
import { presentActual } from './targets.presenter.ts';
import { loadTarget, presentLoadedTarget } from './targets.read.ts';
import * as repo from './targets.repo.ts';

/** A reported figure to write: a unit's figure of a target for a month (the target's own unit: the county's). */
export interface TActualRow {
  targetId: string;
  unitId: string;
  month: number;
  value: number;
  note?: string | null;
}

/** A rule a row breaks: the row's index, the field at fault and an English message. */
export interface TActualProblem {
  index: number;
  field: 'targetId' | 'unitId' | 'month' | 'value' | 'note';
  message: string;
}

/** A problem with the HTTP status a single report answers it with: 404 out of sight, 403 not theirs, else 422. */
type TRankedProblem = TActualProblem & { status: 403 | 404 | 422 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const zNote = zText(200);
/** One row's place: a target, a unit, a month. */
const keyOf = (k: repo.TActualKey) => `${k.targetId}/${k.unitId}/${k.month}`;
/** Audit entries appended per statement. */
const AUDIT_SLICE = 4000;

/** The note as kept: trimmed, blank as none; or the reason it is refused. */
function readNote(note: string | null | undefined): { note: string | null } | { problem: string } {
  if (note === undefined || note === null || note.trim() === '') return { note: null };
  const parsed = zNote.safeParse(note);
  return parsed.success ? { note: parsed.data } : { problem: parsed.error.issues[0]?.message ?? 'is not valid' };
}

/** Every problem of every row, ranked by the status a single report would answer. */
async function findProblems(db: TQueryable, actor: TActor, rows: TActualRow[], now: Date): Promise<TRankedProblem[]> {
  const ids = [...new Set(rows.map((r) => r.targetId).filter((id) => UUID.test(id)))];
  // One after the other: inside a transaction they share one connection.
  const targets = await repo.findTargets(db, ids);
  const allocations = await repo.allocationUnits(db, ids);
  const reach = allocationReach(actor);
  const unitsOf = new Map<string, Map<string, string>>();
  for (const a of allocations) {
    const map = unitsOf.get(a.targetId) ?? new Map<string, string>();
    map.set(a.unitId, a.unitPath);
    unitsOf.set(a.targetId, map);
  }
  const visible = new Map(
    targets
      .map((t) => {
        const paths = [...(unitsOf.get(t.target.id)?.values() ?? [])];
        const facts = {
          unitPath: t.unitPath,
          reportingUnitPath: t.reportingUnitPath,
          hasAllocationInReach: reach !== null && paths.some((p) => isInScope(reach, p)),
        };
        return [t.target.id, { row: t, facts, seen: canSeeTarget(actor, facts) }] as const;
      })
      .filter(([, t]) => t.seen),
  );
  const day = localDay(now);
  const problems: TRankedProblem[] = [];
  const seenKeys = new Set<string>();
  rows.forEach((r, index) => {
    const add = (field: TActualProblem['field'], message: string, status: TRankedProblem['status'] = 422) =>
      problems.push({ index, field, message, status });
    const target = visible.get(r.targetId);
    if (!target) {
      add('targetId', 'no such target', 404);
      return;
    }
    const t = target.row.target;
    if (!UUID.test(r.unitId)) add('unitId', 'no such unit');
    else if (r.unitId === t.unitId) {
      if (!canReportCounty(actor, target.facts)) add('unitId', "you may not report the county's own figure", 403);
    } else {
      const path = unitsOf.get(t.id)?.get(r.unitId);
      if (path === undefined) add('unitId', 'the unit has no allocation in this target');
      else if (!canReportUnit(actor, target.facts, path)) add('unitId', "you may not report this unit's figures", 403);
    }
    const latest = latestReportableMonth(t.year, day);
    if (!Number.isInteger(r.month) || r.month < 1 || r.month > MONTHS_IN_YEAR) {
      add('month', `must be a month from 1 to ${MONTHS_IN_YEAR}`);
    } else if (r.month > latest) {
      add('month', latest === 0 ? `the year ${t.year} has not begun` : `lies in the future (latest: ${latest})`);
    } else {
      const key = keyOf(r);
      if (seenKeys.has(key)) add('month', 'an earlier row has the same target, unit and month');
      else seenKeys.add(key);
    }
    const valueIssue = typeof r.value === 'number' ? valueProblem(t.kind as TTargetKind, r.value) : 'must be a number';
    if (valueIssue) add('value', valueIssue);
    const note = readNote(r.note);
    if ('problem' in note) add('note', note.problem);
  });
  return problems;
}

/**
 * Every problem of every row (scope: a row the actor may not report is a problem on unitId, or targetId when the
 * target is not visible), without writing.
 */
export async function checkActualRows(
  tx: TQueryable,
  actor: TActor,
  rows: TActualRow[],
  now: Date = clockNow(),
): Promise<TActualProblem[]> {
  return (await findProblems(tx, actor, rows, now)).map(({ status: _status, ...p }) => p);
}

/**
 * Writes valid rows (upsert; rows equal to what is on record are left alone and counted unchanged), one audit entry
 * per written row with the value before and after, and relights the targets touched — all in tx. Rows with a
 * problem are refused whole (422 naming `rows.N.field`): check them first. `targetIds` are the targets written to.
 */
export async function writeActuals(
  tx: TTx,
  actor: TActor,
  rows: TActualRow[],
  cause: string,
  now: Date = clockNow(),
): Promise<{ written: number; unchanged: number; targetIds: string[] }> {
  if (rows.length === 0) return { written: 0, unchanged: 0, targetIds: [] };
  await repo.lockTargets(tx, [...new Set(rows.map((r) => r.targetId).filter((id) => UUID.test(id)))]);
  const [problem] = await findProblems(tx, actor, rows, now);
  if (problem) throw invalid(`rows.${problem.index}.${problem.field}`, problem.message);
  const onRecord = new Map((await repo.findActuals(tx, rows)).map((a) => [keyOf(a), a]));
  const changed = rows
    .map((r) => {
      const note = readNote(r.note);
      return {
        targetId: r.targetId,
        unitId: r.unitId,
        month: r.month,
        value: r.value,
        note: 'note' in note ? note.note : null,
      };
    })
    .filter((r) => {
      const before = onRecord.get(keyOf(r));
      return !before || before.value !== r.value || before.note !== r.note;
    });
  const ids = new Map((await repo.upsertActuals(tx, changed, actor.id, now)).map((w) => [keyOf(w), w.id]));
  const targetIds = [...new Set(changed.map((r) => r.targetId))].sort();
  await relightTargets(tx, targetIds, cause, now);
  const audits: TAuditInput[] = changed.map((r) => {
    const before = onRecord.get(keyOf(r));
    return {
      actor: auditActor(actor),
      action: 'target.reportActual',
      targetType: 'targetActual',
      targetId: ids.get(keyOf(r)) ?? null,
      before: before ? { value: before.value, note: before.note } : null,
      after: { ...r, via: cause },
      ip: actor.ip,
    };
  });
  // In slices: a statement takes at most 65,535 parameters, and a workbook may hold thousands of rows.
  for (let i = 0; i < audits.length; i += AUDIT_SLICE) await appendAudits(tx, audits.slice(i, i + AUDIT_SLICE));
  return { written: changed.length, unchanged: rows.length - changed.length, targetIds };
}

/**
 * Reports one figure through the API: a new month (created) or a correction of the one on record, audited with its
 * value before; the target's and the unit's kept figures move in the same transaction. Answers the row as kept and
 * the target as it now stands.
 */
export async function reportActual(
  db: TDb,
  actor: TActor,
  targetId: string,
  input: TReportActual,
  now: Date = clockNow(),
): Promise<{ created: boolean; reported: { actual: TActual; target: TTarget } }> {
  const { actualId, created } = await db.transaction(async (tx) => {
    await loadTarget(tx, actor, targetId, { lock: true });
    const row: TActualRow = { targetId, ...input };
    // Not theirs to report weighs more than a malformed figure.
    const [problem] = (await findProblems(tx, actor, [row], now)).sort((a, b) => a.status - b.status);
    if (problem?.status === 403) throw new AppError('FORBIDDEN', problem.message, { field: problem.field });
    if (problem) throw invalid(problem.field, problem.message);
    const [before] = await repo.findActuals(tx, [row]);
    await writeActuals(tx, actor, [row], 'report', now);
    const [after] = await repo.findActuals(tx, [row]);
    if (!after) throw new Error('the reported figure was not written');
    return { actualId: after.id, created: !before };
  });
  const loaded = await loadTarget(db, actor, targetId);
  const [[row], target] = await Promise.all([
    repo.listActuals(db, targetId, { id: actualId }),
    presentLoadedTarget(db, actor, loaded),
  ]);
  if (!row) throw new Error('the reported figure is gone');
  return { created, reported: { actual: presentActual(row, loaded.row.target.unitId), target } };
}
