import { TASK_IMPORT_MAX_ROWS, type TTaskImportRowErrors } from '@duban/domain';
import { AppError } from '../../platform/errors.ts';
import {
  markWorkbook,
  readWorkbookSheet,
  type TCellValue,
  type TSheetData,
  type TSheetMarks,
} from '../../platform/workbook/workbook.ts';
import { readCellText } from './task-excel.cells.ts';
import { ERROR_COLUMN_HEADER, IMPORT_COLUMNS, normaliseHeader } from './task-excel.columns.ts';
import type { TRowCells } from './task-import.rows.ts';

/** The name of the template's sheet of tasks. */
export const TASK_SHEET_NAME = '任务清单';

/** The sheet of an uploaded workbook that an error workbook marks up: its header's extent and its non-blank rows. */
export interface TMarkableSheet {
  /** The upload, marked up again when rows are wrong. */
  file: Buffer;
  data: TSheetData;
  /** The last column with a header. */
  lastColumn: number;
  /** The 错误说明 column of a workbook that comes back corrected, if any. */
  errorColumn: number | null;
  rows: { number: number }[];
}

/** The sheet of tasks of an uploaded workbook: where each column is, and its non-blank rows. */
export interface TTaskSheet extends TMarkableSheet {
  rows: { number: number; cells: TRowCells }[];
}

const refuse = (message: string, status = 422) => new AppError('VALIDATION_FAILED', message, { field: 'file', status });

/** The refusal of an upload with more rows than one import takes. */
export const tooManyRows = (maxRows = TASK_IMPORT_MAX_ROWS) => refuse(`一次最多导入 ${maxRows} 行，请分批导入`);

/** An uploaded workbook's sheet, read off the event loop with every bound checked (platform/workbook). */
export interface TOpenedSheet {
  file: Buffer;
  data: TSheetData;
}

/** Reads an uploaded workbook's named sheet (else its first visible one); refuses what is no .xlsx (400) or too big. */
export async function openSheet(
  file: Buffer,
  sheetName: string,
  maxRows = TASK_IMPORT_MAX_ROWS,
): Promise<TOpenedSheet> {
  return { file, data: await readWorkbookSheet(file, sheetName, maxRows) };
}

/** A sheet's header row read against the columns it may hold: where each is, and the extent a marked copy needs. */
export interface TSheetHeader<K extends string> extends Omit<TMarkableSheet, 'rows'> {
  columns: Map<K, number>;
}

/**
 * Reads a sheet's header row by the columns' headers; refuses (422) an unknown or repeated header and a missing
 * required column.
 */
export function readSheetHeader<K extends string>(
  opened: TOpenedSheet,
  known: readonly { key: K; header: string; required: boolean }[],
): TSheetHeader<K> {
  const keysByHeader = new Map(known.map((c) => [c.header, c.key]));
  const columns = new Map<K, number>();
  let errorColumn: number | null = null;
  let lastColumn = 0;
  const header = opened.data.rows[0]?.number === 1 ? opened.data.rows[0].cells : [];
  for (let col = 1; col <= header.length; col++) {
    const text = normaliseHeader(readCellText(header[col - 1] ?? null));
    if (!text) continue;
    lastColumn = col;
    if (text === ERROR_COLUMN_HEADER) {
      errorColumn = col;
      continue;
    }
    const key = keysByHeader.get(text);
    if (!key) throw refuse(`表头中有无法识别的列「${text.slice(0, 40)}」（第 ${col} 列）`);
    if (columns.has(key)) throw refuse(`表头中「${text}」列出现了两次`);
    columns.set(key, col);
  }
  for (const c of known) {
    if (c.required && !columns.has(c.key)) throw refuse(`表头缺少必填列「${c.header}」`);
  }
  return { ...opened, columns, lastColumn, errorColumn };
}

/** The rows after the header, each with the cells of the given columns. */
export function bodyRows<K extends string>(
  header: TSheetHeader<K>,
): { number: number; cells: Partial<Record<K, TCellValue>> }[] {
  return header.data.rows
    .filter((row) => row.number > 1)
    .map((row) => {
      const cells: Partial<Record<K, TCellValue>> = {};
      for (const [key, col] of header.columns) cells[key] = row.cells[col - 1] ?? null;
      return { number: row.number, cells };
    });
}

/** Opens an uploaded workbook and finds its task rows; refuses a file that is no .xlsx or a wrong header row. */
export async function readTaskSheet(file: Buffer): Promise<TTaskSheet> {
  const { columns, ...header } = readSheetHeader(await openSheet(file, TASK_SHEET_NAME), IMPORT_COLUMNS);
  const rows = bodyRows({ columns, ...header }).filter(({ cells }) =>
    Object.values(cells).some((value) => readCellText((value ?? null) as TCellValue) !== ''),
  );
  if (rows.length === 0) throw refuse('工作簿中没有任务行');
  if (rows.length > TASK_IMPORT_MAX_ROWS) throw tooManyRows();
  return { ...header, rows };
}

/**
 * The uploaded workbook with a last column 错误说明 saying what is wrong on each bad row, bad rows shaded and bad
 * cells marked (and the marks of an earlier round cleared from rows now right), as base64.
 */
export async function writeErrorWorkbook(sheet: TMarkableSheet, bad: TTaskImportRowErrors[]): Promise<string> {
  const errorColumn = sheet.errorColumn ?? sheet.lastColumn + 1;
  const headerColumns = new Map<string, number>();
  const header = sheet.data.rows[0]?.number === 1 ? sheet.data.rows[0].cells : [];
  header.forEach((value, i) => {
    headerColumns.set(normaliseHeader(readCellText(value)), i + 1);
  });
  const badByRow = new Map(bad.map((r) => [r.row, r.errors]));
  const marks: TSheetMarks = {
    errorColumn,
    errorHeader: ERROR_COLUMN_HEADER,
    width: Math.max(sheet.lastColumn, errorColumn),
    rows: sheet.rows.map(({ number }) => {
      const errors = badByRow.get(number);
      if (!errors) return { number, badColumns: [], note: null };
      return {
        number,
        badColumns: errors.map((e) => headerColumns.get(e.column)).filter((c): c is number => c !== undefined),
        note: errors.map((e) => `${e.column}：${e.message}`).join('；'),
      };
    }),
  };
  return markWorkbook(sheet.file, sheet.data, marks);
}
