import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import type { TSheetData, TSheetMarks, TWorkbookAnswer, TWorkbookJob, TWorkbookRefusal } from './workbook.types.ts';

export type { TCellValue, TSheetData, TSheetMarks } from './workbook.types.ts';

/** The worker's heap ceiling: a workbook that needs more is refused, the server's own heap untouched. */
const WORKER_HEAP_MB = 192;
/** A workbook that takes longer than this to read is refused. */
const WORKER_TIMEOUT_MS = 20_000;
/** Workbooks read at once; more wait their turn, so a burst of uploads cannot exhaust the machine. */
const MAX_RUNNING = 2;

// In the bundle (npm start) the worker is its own file beside main.mjs; from the sources (tests, npm run dev) it is
// loaded through tsx.
const isSource = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(isSource ? './workbook.worker.ts' : './workbook.worker.mjs', import.meta.url);

let running = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function startWorker(job: TWorkbookJob): Worker {
  const options = {
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 16 },
  };
  if (!isSource) return new Worker(WORKER_URL, options);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

const tooHeavy = () =>
  new AppError('VALIDATION_FAILED', 'the workbook is too large or too complex to read', { field: 'file' });

/** Runs one job on a worker thread of its own: its heap bounded, its time bounded, the event loop free meanwhile. */
async function runJob(job: TWorkbookJob): Promise<TWorkbookAnswer> {
  const done = await turn();
  try {
    return await new Promise<TWorkbookAnswer>((resolve, reject) => {
      const worker = startWorker(job);
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(tooHeavy());
      }, WORKER_TIMEOUT_MS);
      worker.once('message', (answer: TWorkbookAnswer) => {
        clearTimeout(timer);
        resolve(answer);
        void worker.terminate();
      });
      worker.once('error', (error: Error & { code?: string }) => {
        clearTimeout(timer);
        reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooHeavy() : error);
      });
      worker.once('exit', () => {
        clearTimeout(timer);
        reject(tooHeavy());
      });
    });
  } finally {
    done();
  }
}

/** The error a refusal answers with: short, naming the file, never echoing the input. */
function refusalError(refusal: TWorkbookRefusal, maxRows: number): AppError {
  switch (refusal.kind) {
    case 'notXlsx':
      return new AppError('VALIDATION_FAILED', 'the file is not an .xlsx workbook', { field: 'file', status: 400 });
    case 'tooLarge':
      return new AppError('VALIDATION_FAILED', `the workbook is too large: ${refusal.detail}`, { field: 'file' });
    case 'tooManyRows':
      return new AppError('VALIDATION_FAILED', `一次最多导入 ${maxRows} 行，请分批导入`, { field: 'file' });
    case 'cellTooLong':
      return new AppError('VALIDATION_FAILED', `第 ${refusal.row} 行第 ${refusal.column} 列的内容超过 32767 个字符`, {
        field: 'file',
      });
    case 'noSheet':
      return new AppError('VALIDATION_FAILED', '工作簿中没有工作表', { field: 'file' });
  }
}

/**
 * Reads the named sheet (else the first visible one) of an uploaded .xlsx, off the event loop: the zip's parts are
 * inflated under hard ceilings before anything is parsed, a cell holds at most 32,767 characters, and a sheet far
 * longer than `maxRows` is refused. Workbooks from Excel, WPS, LibreOffice and openpyxl are read alike.
 */
export async function readWorkbookSheet(file: Buffer, sheetName: string, maxRows: number): Promise<TSheetData> {
  const answer = await runJob({ op: 'read', file: new Uint8Array(file), sheetName, maxRows });
  if (!answer.ok) throw refusalError(answer.refusal, maxRows);
  if (!('sheet' in answer)) throw new Error('the workbook worker answered a read with no sheet');
  return answer.sheet;
}

/** The uploaded workbook with the marks an import's errors call for, as base64 (off the event loop too). */
export async function markWorkbook(file: Buffer, sheet: TSheetData, marks: TSheetMarks): Promise<string> {
  const answer = await runJob({ op: 'mark', file: new Uint8Array(file), sheet, marks });
  if (!answer.ok) throw refusalError(answer.refusal, sheet.rows.length);
  if (!('marked' in answer)) throw new Error('the workbook worker answered a mark with no workbook');
  return answer.marked;
}
