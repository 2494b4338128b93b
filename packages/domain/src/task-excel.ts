import { z } from 'zod';
import { ZErrorBody } from './errors.ts';
import { ZTaskQuery, ZTaskSummary } from './tasks.ts';

/** The media type of an .xlsx workbook: what the task import accepts and the template and export answer. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The largest workbook the task import accepts. */
export const TASK_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The most task rows one import may hold. */
export const TASK_IMPORT_MAX_ROWS = 10_000;
/** The most rows one export holds. */
export const TASK_EXPORT_MAX_ROWS = 20_000;

/** The filters of a task export: those of the task list, without paging. */
export const ZTaskExportQuery = ZTaskQuery.omit({ page: true, pageSize: true });
export type TTaskFilter = z.infer<typeof ZTaskExportQuery>;

export const ZTaskImportResult = z.object({
  imported: z.number().int(),
  /** The first 50 imported tasks. */
  items: z.array(ZTaskSummary),
});
export type TTaskImportResult = z.infer<typeof ZTaskImportResult>;

/** What is wrong with one row of an imported workbook, cell by cell (column named by its Chinese header). */
export const ZTaskImportRowErrors = z.object({
  row: z.number().int(),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
});
export type TTaskImportRowErrors = z.infer<typeof ZTaskImportRowErrors>;

/** A refused import: nothing was written; every bad row is listed and marked in the returned workbook. */
export const ZTaskImportFailure = ZErrorBody.extend({
  rows: z.array(ZTaskImportRowErrors),
  /** The uploaded workbook, base64, with a last column 错误说明 filled on each bad row. */
  errorWorkbook: z.string(),
});
export type TTaskImportFailure = z.infer<typeof ZTaskImportFailure>;
