// Reads and marks up uploaded workbooks on a thread of its own, under a heap ceiling (platform/workbook/workbook.ts).
import { parentPort, workerData } from 'node:worker_threads';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import type { TCellValue, TSheetData, TSheetMarks, TWorkbookAnswer, TWorkbookJob } from './workbook.types.ts';
import { readZipEntries, ZipRefusal } from './zip.ts';

/** Bounds of an upload, checked on the zip before anything is parsed. */
const ZIP_LIMITS = { maxEntries: 500, maxEntryBytes: 32 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };
/** Excel's own limit of a cell's text. */
const MAX_CELL_CHARS = 32_767;
/** Blank rows that only carry formatting may trail the data: a sheet is read this far past the row limit. */
const ROW_SLACK = 1_000;

class Refused extends Error {
  constructor(readonly answer: TWorkbookAnswer & { ok: false }) {
    super(answer.refusal.kind);
  }
}

const refuse = (refusal: (TWorkbookAnswer & { ok: false })['refusal']) => new Refused({ ok: false, refusal });

/** A number formatted as a date, as the UTC day it names (Excel's 1900 or 1904 day numbers). */
function dayOf(serial: number, is1904: boolean): Date {
  return new Date(Math.round((serial + (is1904 ? 1462 : 0) - 25_569) * 86_400_000));
}

function cellValue(cell: XLSX.CellObject | undefined, is1904: boolean): TCellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 'n':
      return cell.z && XLSX.SSF.is_date(cell.z) ? dayOf(cell.v as number, is1904) : (cell.v as number);
    case 'b':
      return cell.v as boolean;
    case 'e':
      return cell.w ?? '#ERROR';
    case 'd':
      return cell.v instanceof Date ? cell.v : new Date(String(cell.v));
    default:
      return String(cell.v);
  }
}

/** The named sheet (else the first visible one) of a checked workbook, its text cells bounded. */
function readSheet(file: Uint8Array, sheetName: string, maxRows: number): TSheetData {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(file, {
      type: 'array',
      dense: true,
      cellNF: true,
      cellDates: false,
      sheetRows: maxRows + ROW_SLACK,
    });
  } catch {
    throw refuse({ kind: 'notXlsx' });
  }
  const visible = book.SheetNames.filter((_, i) => !book.Workbook?.Sheets?.[i]?.Hidden);
  const name = book.SheetNames.includes(sheetName) ? sheetName : visible[0];
  const sheet = name ? book.Sheets[name] : undefined;
  if (!name || !sheet) throw refuse({ kind: 'noSheet' });
  const is1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const dense = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const rows: TSheetData['rows'] = [];
  dense.forEach((row, index) => {
    if (!row) return;
    const cells = Array.from(row, (cell) => cellValue(cell, is1904));
    cells.forEach((value, column) => {
      if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
        throw refuse({ kind: 'cellTooLong', row: index + 1, column: column + 1 });
      }
    });
    if (cells.some((v) => v !== null && v !== '')) rows.push({ number: index + 1, cells });
  });
  const ref = sheet['!fullref'] ?? sheet['!ref'];
  if (ref && XLSX.utils.decode_range(ref).e.r + 1 > maxRows + ROW_SLACK) throw refuse({ kind: 'tooManyRows' });
  return { name, rows };
}

const ROW_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };
const CELL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const NO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'none' };

/** Gives one cell its own style with the change (loaded cells share style objects). */
const restyle = (cell: ExcelJS.Cell, change: Partial<ExcelJS.Style>) => {
  cell.style = { ...cell.style, ...change };
};

/**
 * The sheet to mark: the upload itself where exceljs reads it (its formatting kept), else a plain copy of the values
 * read (exceljs cannot read every writer's workbook, e.g. openpyxl's comments).
 */
async function sheetToMark(
  file: Uint8Array,
  data: TSheetData,
): Promise<{ book: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  try {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(data.name);
    if (sheet) return { book, sheet };
  } catch {
    // a plain copy below
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(data.name);
  for (const row of data.rows) {
    row.cells.forEach((value, i) => {
      if (value !== null) sheet.getRow(row.number).getCell(i + 1).value = value;
    });
  }
  sheet.getRow(1).font = { bold: true };
  return { book, sheet };
}

/** The workbook with the error column and its notes, bad rows shaded and bad cells marked, as base64. */
async function markSheet(file: Uint8Array, data: TSheetData, marks: TSheetMarks): Promise<string> {
  const { book, sheet } = await sheetToMark(file, data);
  const header = sheet.getRow(1).getCell(marks.errorColumn);
  header.value = marks.errorHeader;
  restyle(header, { font: { bold: true, color: { argb: 'FFC00000' } }, fill: CELL_FILL });
  sheet.getColumn(marks.errorColumn).width = 60;
  for (const mark of marks.rows) {
    const row = sheet.getRow(mark.number);
    const note = row.getCell(marks.errorColumn);
    if (mark.note === null) {
      if (note.value !== null && note.value !== '') {
        note.value = null;
        for (let col = 1; col <= marks.width; col++) restyle(row.getCell(col), { fill: NO_FILL });
      }
      continue;
    }
    const bad = new Set(mark.badColumns);
    for (let col = 1; col <= marks.width; col++)
      restyle(row.getCell(col), { fill: bad.has(col) ? CELL_FILL : ROW_FILL });
    note.value = mark.note;
    restyle(note, { font: { color: { argb: 'FFC00000' } }, alignment: { wrapText: true, vertical: 'top' } });
  }
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}

async function run(job: TWorkbookJob): Promise<TWorkbookAnswer> {
  try {
    readZipEntries(Buffer.from(job.file.buffer, job.file.byteOffset, job.file.byteLength), ZIP_LIMITS);
    if (job.op === 'read') return { ok: true, sheet: readSheet(job.file, job.sheetName, job.maxRows) };
    return { ok: true, marked: await markSheet(job.file, job.sheet, job.marks) };
  } catch (error) {
    if (error instanceof Refused) return error.answer;
    if (error instanceof ZipRefusal) {
      return error.message === 'not a zip archive'
        ? { ok: false, refusal: { kind: 'notXlsx' } }
        : { ok: false, refusal: { kind: 'tooLarge', detail: error.message } };
    }
    return { ok: false, refusal: { kind: 'notXlsx' } };
  }
}

parentPort?.postMessage(await run(workerData as TWorkbookJob));
