import { latestReportableMonth, MONTHS_IN_YEAR, valueProblem, ZReportActual } from '@duban/domain';
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { readCellText } from '../tasks/task-excel.cells.ts';
import { bodyRows, readSheetHeader, type TMarkableSheet, type TOpenedSheet } from '../tasks/task-import.sheet.ts';
import { ACTUALS_COLUMNS, COUNTY_ALIASES, type TActualsKey } from './actuals-excel.columns.ts';
import type { TImportTarget } from './actuals-excel.repo.ts';
import type { TActualRow } from './targets.service.ts';

export type TActualsCells = Partial<Record<TActualsKey, ExcelJS.CellValue>>;

/** The sheet of actuals of an uploaded workbook: its rows that carry a value. */
export interface TActualsSheet extends TMarkableSheet {
  rows: { number: number; cells: TActualsCells }[];
}

/** One problem in one cell: the column by its Chinese header, and what is wrong, in Chinese. */
export interface TActualCellError {
  key: TActualsKey;
  column: string;
  message: string;
}

const HEADERS = new Map(ACTUALS_COLUMNS.map((c) => [c.key, c.header]));
const INPUT_KEYS = new Set(ACTUALS_COLUMNS.filter((c) => c.isInput).map((c) => c.key));

/** The Chinese header of a column. */
export const headerOf = (key: TActualsKey) => HEADERS.get(key) ?? key;

const refuse = (message: string) => new AppError('VALIDATION_FAILED', message, { field: 'file' });

/**
 * Finds the sheet of actuals of an opened workbook and the rows to import: those whose 数值 is filled (a template row
 * left blank is skipped). Refuses a header row lacking a required column or holding an unknown one, and a sheet with
 * no value at all.
 */
export function readActualsSheet(opened: TOpenedSheet): TActualsSheet {
  const header = readSheetHeader(opened, ACTUALS_COLUMNS);
  const rows: TActualsSheet['rows'] = bodyRows(header)
    .filter(({ cells }) => readCellText(cells.value ?? null) !== '')
    .map(({ number, cells }) => ({
      number,
      cells: Object.fromEntries(Object.entries(cells).filter(([key]) => INPUT_KEYS.has(key as TActualsKey))),
    }));
  if (rows.length === 0) throw refuse('工作簿中没有填写“数值”的行');
  const { columns: _columns, ...rest } = header;
  return { ...rest, rows };
}

/** The value of a cell (a number, or the result of a formula), or undefined. */
function numberOf(cell: ExcelJS.CellValue | undefined): number | undefined {
  const value = cell && typeof cell === 'object' && 'result' in cell ? cell.result : cell;
  if (typeof value === 'number') return value;
  const text = readCellText((value ?? null) as ExcelJS.CellValue)
    .normalize('NFKC')
    .replace(/[,\s]/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
  return Number(text);
}

/** A month written as 6, 06 or 6月. */
function monthOf(cell: ExcelJS.CellValue | undefined): number | undefined {
  if (typeof cell === 'number') return cell;
  const match = /^(\d{1,2})\s*月?$/.exec(readCellText(cell ?? null).normalize('NFKC'));
  return match ? Number(match[1]) : undefined;
}

/** valueProblem's reasons in Chinese. */
const VALUE_PROBLEMS: Record<string, string> = {
  'must be a number': '应为数字',
  'must be a whole number for a count': '计数类目标应填整数',
  'must not be negative for a count': '不能为负数',
  'must not be negative for an amount': '不能为负数',
  'is too large': '数值过大',
  'has more than two decimals': '最多保留两位小数',
};

/** What the rows name: the year's targets and their units, by name and by id. */
export interface TActualsLookup {
  year: number;
  /** The latest month that may be reported today (0 before the year). */
  latestMonth: number;
  byName: Map<string, TImportTarget[]>;
  byId: Map<string, TImportTarget>;
}

/** Builds the lookup of an import from the targets its rows name. */
export function buildActualsLookup(year: number, today: string, found: TImportTarget[]): TActualsLookup {
  const byName = new Map<string, TImportTarget[]>();
  for (const t of found) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  return { year, latestMonth: latestReportableMonth(year, today), byName, byId: new Map(found.map((t) => [t.id, t])) };
}

/**
 * Picks what a name cell and its hidden id cell name among candidates: the id's when it agrees with the name (or the
 * name is blank), else the one candidate of that name. A stale id (the name was changed from the drop-down) is
 * ignored; several candidates of one name without an id to tell them apart are ambiguous.
 */
function pick<T extends { id: string }>(
  candidates: T[],
  byId: T | undefined,
  name: string,
): { ok: true; value: T } | { ok: false; reason: 'missing' | 'unknown' | 'ambiguous' } {
  if (byId && (!name || candidates.includes(byId))) return { ok: true, value: byId };
  if (!name) return { ok: false, reason: 'missing' };
  if (candidates.length === 1 && candidates[0]) return { ok: true, value: candidates[0] };
  return { ok: false, reason: candidates.length ? 'ambiguous' : 'unknown' };
}

export type TActualsRowResult =
  | { ok: true; row: TActualRow; targetName: string; unitName: string }
  | { ok: false; errors: TActualCellError[] };

/**
 * Reads one row of actuals: the target and unit by name (上级单位/单位 for units sharing a name, 全县 for the
 * county's own figure) or by the template's hidden ids, the month (1–12, not after this month) and the value by the
 * target's kind; each fault named by its column, in Chinese. Scope is checked afterwards, for all rows at once.
 */
export function readActualsRow(lookup: TActualsLookup, cells: TActualsCells): TActualsRowResult {
  const errors: TActualCellError[] = [];
  const fail = (key: TActualsKey, message: string) => errors.push({ key, column: headerOf(key), message });
  const text = (key: TActualsKey) => readCellText(cells[key] ?? null);

  const targetName = text('target');
  const targetPick = pick(lookup.byName.get(targetName) ?? [], lookup.byId.get(text('targetId')), targetName);
  const target = targetPick.ok ? targetPick.value : undefined;
  if (!targetPick.ok) {
    fail(
      'target',
      targetPick.reason === 'missing'
        ? '必填'
        : targetPick.reason === 'ambiguous'
          ? `${lookup.year} 年有多个名为「${targetName}」的目标，请使用模板中的行`
          : `${lookup.year} 年没有名为「${targetName}」的目标，或您无权填报`,
    );
  }

  const unitName = text('unit');
  let unit: TImportTarget['units'][number] | undefined;
  if (target) {
    const own = target.units.find((u) => u.id === target.unitId);
    const named = COUNTY_ALIASES.includes(unitName)
      ? own
        ? [own]
        : []
      : target.units.filter((u) => u.name === unitName || `${u.parentName ?? ''}/${u.name}` === unitName);
    const unitPick = pick(
      named,
      target.units.find((u) => u.id === text('unitId')),
      unitName,
    );
    if (unitPick.ok) unit = unitPick.value;
    else {
      fail(
        'unit',
        unitPick.reason === 'missing'
          ? '必填'
          : unitPick.reason === 'ambiguous'
            ? `有多个名为「${unitName}」的单位，请写成“上级单位/单位”`
            : `「${unitName}」没有分解到「${target.name}」的任务`,
      );
    }
  } else if (!unitName && !text('unitId')) fail('unit', '必填');

  const month = monthOf(cells.month);
  if (month === undefined) fail('month', text('month') ? `「${text('month')}」不是月份，请填写 1–12` : '必填');
  else if (!Number.isInteger(month) || month < 1 || month > MONTHS_IN_YEAR) fail('month', '月份应为 1–12 的整数');
  else if (month > lookup.latestMonth) {
    fail(
      'month',
      lookup.latestMonth === 0
        ? `${lookup.year} 年尚未开始，不能填报`
        : `不能填报 ${month} 月，目前最多填报到 ${lookup.latestMonth} 月`,
    );
  }

  const value = numberOf(cells.value);
  if (value === undefined) fail('value', `「${text('value')}」不是数字`);
  else if (target) {
    const problem = valueProblem(target.kind, value);
    if (problem) fail('value', VALUE_PROBLEMS[problem] ?? problem);
  }

  const noteText = text('note');
  const note = ZReportActual.shape.note.safeParse(noteText || null);
  if (!note.success) fail('note', noteText.length > 200 ? '超过 200 字' : '含有不可见的控制字符');

  if (errors.length || !target || !unit || month === undefined || value === undefined || !note.success) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    // Kept to the cent, as stored: a figure computed in Excel (2.7199999…) compares equal to the one on record.
    row: { targetId: target.id, unitId: unit.id, month, value: Math.round(value * 100) / 100, note: note.data ?? null },
    targetName: target.name,
    unitName: unit.name,
  };
}

/** The names and ids the rows mention, to look up in one query. */
export function namesOfRows(rows: TActualsSheet['rows']): { names: string[]; ids: string[] } {
  const names = new Set<string>();
  const ids = new Set<string>();
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  for (const { cells } of rows) {
    const name = readCellText(cells.target ?? null);
    if (name) names.add(name);
    const id = readCellText(cells.targetId ?? null);
    if (uuid.test(id)) ids.add(id.toLowerCase());
  }
  return { names: [...names], ids: [...ids] };
}
