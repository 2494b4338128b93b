/** A cell's value as a workbook holds it: text, a number, a truth value, a date (a UTC day), or nothing. */
export type TCellValue = string | number | boolean | Date | null;

/** One sheet of an uploaded workbook: its name and its rows, each numbered as in the sheet (1 is the header). */
export interface TSheetData {
  name: string;
  /** Rows that hold anything, in order; cells[0] is column A. */
  rows: { number: number; cells: TCellValue[] }[];
}

/** How an error workbook marks a sheet: the header of the error column, and each row's bad cells and note. */
export interface TSheetMarks {
  /** The column (1-based) the notes go in, and the header it gets. */
  errorColumn: number;
  errorHeader: string;
  /** The columns (1-based) the marks span. */
  width: number;
  rows: { number: number; badColumns: number[]; note: string | null }[];
}

/** Why a workbook was refused before its rows were read. */
export type TWorkbookRefusal =
  | { kind: 'notXlsx' }
  | { kind: 'tooLarge'; detail: string }
  | { kind: 'tooManyRows' }
  | { kind: 'cellTooLong'; row: number; column: number }
  | { kind: 'noSheet' };

export type TWorkbookJob =
  | { op: 'read'; file: Uint8Array; sheetName: string; maxRows: number }
  | { op: 'mark'; file: Uint8Array; sheet: TSheetData; marks: TSheetMarks };

export type TWorkbookAnswer =
  | { ok: true; sheet: TSheetData }
  | { ok: true; marked: string }
  | { ok: false; refusal: TWorkbookRefusal };
