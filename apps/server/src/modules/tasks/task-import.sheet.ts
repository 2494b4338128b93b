import { TASK_IMPORT_MAX_ROWS, type TTaskImportRowErrors } from '@duban/domain';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { readCellText } from './task-excel.cells.ts';
import { ERROR_COLUMN_HEADER, IMPORT_COLUMNS, normaliseHeader } from './task-excel.columns.ts';
import type { TRowCells } from './task-import.rows.ts';

/** The name of the template's sheet of tasks. */
export const TASK_SHEET_NAME = '任务清单';

/** The sheet of an uploaded workbook that an error workbook marks up: its header's extent and its non-blank rows. */
export interface TMarkableSheet {
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
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

/** Opens an uploaded workbook; refuses a file that is no .xlsx (400) or a sheet far longer than maxRows (422). */
export async function openWorkbook(file: Buffer, maxRows = TASK_IMPORT_MAX_ROWS): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs stops reading a sheet with more rows than this (it knows the option; its types do not): a huge
  // upload is refused before it is all in memory. The slack is for blank rows that only carry formatting.
  const options: Partial<ExcelJS.XlsxReadOptions> & { maxRows: number } = { maxRows: maxRows + 1_000 };
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer, options);
  } catch (error) {
    if (error instanceof Error && /^Max row count/.test(error.message)) throw tooManyRows(maxRows);
    throw refuse('the file is not an .xlsx workbook', 400);
  }
  return workbook;
}

/** A sheet's header row read against the columns it may hold: where each is, and the extent a marked copy needs. */
export interface TSheetHeader<K extends string> extends Omit<TMarkableSheet, 'rows'> {
  columns: Map<K, number>;
}

/**
 * Finds the named sheet of an opened workbook (else its first visible one) and reads its header row by the columns'
 * headers; refuses (422) a workbook without a sheet, an unknown or repeated header, and a missing required column.
 */
export function readSheetHeader<K extends string>(
  workbook: ExcelJS.Workbook,
  sheetName: string,
  known: readonly { key: K; header: string; required: boolean }[],
): TSheetHeader<K> {
  const sheet =
    workbook.getWorksheet(sheetName) ??
    workbook.worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  if (!sheet) throw refuse('工作簿中没有工作表');

  const keysByHeader = new Map(known.map((c) => [c.header, c.key]));
  const columns = new Map<K, number>();
  let errorColumn: number | null = null;
  let lastColumn = 0;
  const header = sheet.getRow(1);
  for (let col = 1; col <= header.cellCount; col++) {
    const text = normaliseHeader(readCellText(header.getCell(col).value));
    if (!text) continue;
    lastColumn = col;
    if (text === ERROR_COLUMN_HEADER) {
      errorColumn = col;
      continue;
    }
    const key = keysByHeader.get(text);
    if (!key) throw refuse(`表头中有无法识别的列「${text}」（第 ${col} 列）`);
    if (columns.has(key)) throw refuse(`表头中「${text}」列出现了两次`);
    columns.set(key, col);
  }
  for (const c of known) {
    if (c.required && !columns.has(c.key)) throw refuse(`表头缺少必填列「${c.header}」`);
  }
  return { workbook, sheet, columns, lastColumn, errorColumn };
}

/** Opens an uploaded workbook and finds its task rows; refuses a file that is no .xlsx or a wrong header row. */
export async function readTaskSheet(file: Buffer): Promise<TTaskSheet> {
  const { columns, ...header } = readSheetHeader(await openWorkbook(file), TASK_SHEET_NAME, IMPORT_COLUMNS);
  const rows: TTaskSheet['rows'] = [];
  header.sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells: TRowCells = {};
    let isBlank = true;
    for (const [key, col] of columns) {
      const value = row.getCell(col).value;
      cells[key] = value;
      if (isBlank && readCellText(value) !== '') isBlank = false;
    }
    if (!isBlank) rows.push({ number, cells });
  });
  if (rows.length === 0) throw refuse('工作簿中没有任务行');
  if (rows.length > TASK_IMPORT_MAX_ROWS) throw tooManyRows();
  return { ...header, rows };
}

const ROW_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };
const CELL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const NO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'none' };

/** Gives one cell its own style with the change (loaded cells share style objects). */
const restyle = (cell: ExcelJS.Cell, change: Partial<ExcelJS.Style>) => {
  cell.style = { ...cell.style, ...change };
};

/**
 * The uploaded workbook with a last column 错误说明 saying what is wrong on each bad row, bad rows shaded and bad
 * cells marked (and the marks of an earlier round cleared from rows now right), as base64.
 */
export async function writeErrorWorkbook(taskSheet: TMarkableSheet, bad: TTaskImportRowErrors[]): Promise<string> {
  const { sheet, lastColumn } = taskSheet;
  const errorColumn = taskSheet.errorColumn ?? lastColumn + 1;
  const headerColumns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    headerColumns.set(normaliseHeader(readCellText(cell.value)), col);
  });
  const width = Math.max(lastColumn, errorColumn);
  const headerCell = sheet.getRow(1).getCell(errorColumn);
  headerCell.value = ERROR_COLUMN_HEADER;
  restyle(headerCell, { font: { bold: true, color: { argb: 'FFC00000' } }, fill: CELL_FILL });
  sheet.getColumn(errorColumn).width = 60;

  const badByRow = new Map(bad.map((r) => [r.row, r.errors]));
  for (const { number } of taskSheet.rows) {
    const errors = badByRow.get(number);
    const row = sheet.getRow(number);
    const note = row.getCell(errorColumn);
    if (!errors) {
      if (readCellText(note.value)) {
        note.value = null;
        for (let col = 1; col <= width; col++) restyle(row.getCell(col), { fill: NO_FILL });
      }
      continue;
    }
    const badColumns = new Set(errors.map((e) => headerColumns.get(e.column)));
    for (let col = 1; col <= width; col++) {
      restyle(row.getCell(col), { fill: badColumns.has(col) ? CELL_FILL : ROW_FILL });
    }
    note.value = errors.map((e) => `${e.column}：${e.message}`).join('；');
    restyle(note, { font: { color: { argb: 'FFC00000' } }, alignment: { wrapText: true, vertical: 'top' } });
  }
  return Buffer.from(await taskSheet.workbook.xlsx.writeBuffer()).toString('base64');
}
