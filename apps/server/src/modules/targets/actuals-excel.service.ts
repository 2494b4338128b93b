import { localDay, type TActualImportResult, type TTaskImportFailure, type TTaskImportRowErrors } from '@duban/domain';
import { hasRole, scopeOf, type TActor } from '../../platform/access/access.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { excerpt } from '../tasks/task-excel.cells.ts';
import { openSheet, tooManyRows, writeErrorWorkbook } from '../tasks/task-import.sheet.ts';
import { ACTUALS_SHEET_NAME } from './actuals-excel.columns.ts';
import { findImportTargets, listReportableRows, type TReportScopes } from './actuals-excel.repo.ts';
import {
  buildActualsLookup,
  headerOf,
  namesOfRows,
  readActualsRow,
  readActualsSheet,
  type TActualCellError,
} from './actuals-excel.rows.ts';
import { writeActualsTemplate } from './actuals-excel.template.ts';
import { unitScope } from './targets.policy.ts';
import { checkActualRows, type TActualProblem, type TActualRow, writeActuals } from './targets.service.ts';

/** The most rows (with a value) one import takes. */
export const ACTUALS_IMPORT_MAX_ROWS = 10_000;
/** How many rows are written at a time (a statement takes at most 65,535 parameters). */
const WRITE_SLICE = 5_000;

/** Refuses people who never report actuals: only unit heads, liaisons and supervisors do. */
function requireReporter(actor: TActor): TReportScopes {
  if (!hasRole(actor, 'unitHead', 'liaison', 'supervisor')) {
    throw new AppError('FORBIDDEN', 'only unit heads, liaisons and supervisors report actuals');
  }
  return { reporter: unitScope(actor), supervisor: scopeOf(actor, 'supervisor') };
}

/** The year of a request: the one asked for, else the current year in Asia/Shanghai. */
const yearOf = (year: number | undefined, at: Date) => year ?? Number(localDay(at).slice(0, 4));

export interface TActualsTemplate {
  file: Buffer;
  filename: string;
  asciiFilename: string;
  rows: number;
}

/**
 * The actuals workbook of a year for the caller (unit heads, liaisons, supervisors): one row per target and unit
 * they may report — their allocations, and for the reporting unit every allocation and the county's row — with
 * drop-downs for target, unit and month and a sheet of instructions.
 */
export async function buildActualsTemplate(db: TDb, actor: TActor, year?: number): Promise<TActualsTemplate> {
  const scopes = requireReporter(actor);
  const at = clockNow();
  const y = yearOf(year, at);
  const rows = await listReportableRows(db, scopes, y);
  return {
    file: await writeActualsTemplate(rows, y, localDay(at)),
    filename: `实绩填报-${y}.xlsx`,
    asciiFilename: `target-actuals-${y}.xlsx`,
    rows: rows.length,
  };
}

export type TActualsImportOutcome =
  | { ok: true; result: TActualImportResult }
  | { ok: false; failure: TTaskImportFailure };

/** A problem the service found after the rows were read (scope, mostly), in Chinese under its column. */
function describeProblem(problem: TActualProblem): TActualCellError {
  const key = problem.field === 'targetId' ? 'target' : problem.field === 'unitId' ? 'unit' : problem.field;
  const message: Record<TActualProblem['field'], string> = {
    targetId: '该目标不存在或您无权填报',
    unitId: '您无权填报该单位的实绩',
    month: '月份无效',
    value: '数值无效',
    note: '备注无效',
  };
  // A unit that lost its allocation since the rows were read is not a matter of permission.
  const isUnallocated = problem.field === 'unitId' && /no allocation|no such unit/.test(problem.message);
  return { key, column: headerOf(key), message: isUnallocated ? '该单位没有此目标的分解任务' : message[problem.field] };
}

/**
 * Imports a workbook of actuals for a year (unit heads, liaisons, supervisors), all or nothing: every row with a
 * value is read (target and unit by name or the template's ids, month, value by the target's kind), checked against
 * the rules of reporting by hand — scope included — in one pass over all rows; if any row is wrong nothing is
 * written and the outcome lists each bad row and carries the workbook marked up. Else every row is written (a
 * month reported again is corrected in place) and the targets relit, in one transaction.
 */
export async function importActuals(
  db: TDb,
  actor: TActor,
  file: Buffer,
  year?: number,
): Promise<TActualsImportOutcome> {
  requireReporter(actor);
  const at = clockNow();
  const y = yearOf(year, at);
  const sheet = readActualsSheet(await openSheet(file, ACTUALS_SHEET_NAME, ACTUALS_IMPORT_MAX_ROWS));
  if (sheet.rows.length > ACTUALS_IMPORT_MAX_ROWS) throw tooManyRows(ACTUALS_IMPORT_MAX_ROWS);
  const { names, ids } = namesOfRows(sheet.rows);
  const lookup = buildActualsLookup(y, localDay(at), await findImportTargets(db, y, names, ids));

  const errorsByRow = new Map<number, TActualCellError[]>();
  const read: { number: number; row: TActualRow }[] = [];
  const seen = new Map<string, number>();
  for (const { number, cells } of sheet.rows) {
    const result = readActualsRow(lookup, cells);
    if (!result.ok) {
      errorsByRow.set(number, result.errors);
      continue;
    }
    const key = `${result.row.targetId}/${result.row.unitId}/${result.row.month}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errorsByRow.set(number, [
        { key: 'month', column: headerOf('month'), message: `与第 ${first} 行重复（同一目标、单位、月份）` },
      ]);
      continue;
    }
    seen.set(key, number);
    read.push({ number, row: result.row });
  }

  const outcome = await db.transaction(async (tx) => {
    const rows = read.map((r) => r.row);
    // Scope and the service's own rules, for every row at once; nothing is written unless every row passes.
    for (const problem of await checkActualRows(tx, actor, rows, at)) {
      const number = read[problem.index]?.number;
      if (number === undefined) continue;
      const errors = errorsByRow.get(number) ?? [];
      const error = describeProblem(problem);
      if (!errors.some((e) => e.key === error.key)) errors.push(error);
      errorsByRow.set(number, errors);
    }
    if (errorsByRow.size) return null;
    // In slices, each one statement of bounded size; all in the one transaction.
    const done = { written: 0, unchanged: 0, targetIds: new Set<string>() };
    for (let i = 0; i < rows.length; i += WRITE_SLICE) {
      const slice = await writeActuals(tx, actor, rows.slice(i, i + WRITE_SLICE), 'import', at);
      done.written += slice.written;
      done.unchanged += slice.unchanged;
      for (const id of slice.targetIds) done.targetIds.add(id);
    }
    return done;
  });

  if (!outcome) {
    const bad: TTaskImportRowErrors[] = [...errorsByRow]
      .sort(([a], [b]) => a - b)
      .map(([row, errors]) => ({
        row,
        errors: errors.map(({ column, message }) => ({ column, message: excerpt(message) })),
      }));
    return {
      ok: false,
      failure: {
        error: {
          code: 'VALIDATION_FAILED',
          message: `${bad.length} 行有错误，未导入任何实绩；请按“错误说明”列修改后重新导入`,
          field: 'file',
        },
        rows: bad,
        errorWorkbook: await writeErrorWorkbook(sheet, bad),
      },
    };
  }
  return {
    ok: true,
    result: { imported: outcome.written, unchanged: outcome.unchanged, targets: outcome.targetIds.size },
  };
}
