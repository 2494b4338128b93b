import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Debian's packages that bring the two writers the import tests use; npm test installs them where it can. */
export const OFFICE_PACKAGES = 'libreoffice-calc-nogui python3-openpyxl';
const INSTALL = `apt-get update && apt-get install -y --no-install-recommends ${OFFICE_PACKAGES}`;
const SOFFICE = '/usr/bin/soffice';
/** Debian's own Python, where python3-openpyxl installs (a PATH python may be another). */
const PYTHON = '/usr/bin/python3';

function missing(what: string): Error {
  return new Error(`${what} is not installed: these tests need it and do not skip. Run as root:\n  ${INSTALL}`);
}

/** A scratch folder for one conversion, removed after. */
function inScratch<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-office-'));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A value openpyxl writes into a cell: text, a number, or a day (written as a date cell). */
export type TOfficeValue = string | number | { day: string };

const OPENPYXL_SCRIPT = `
import datetime, json, sys
import openpyxl
src, dst, sheet_name, rows = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
book = openpyxl.load_workbook(src)
sheet = book[sheet_name]
headers = {str(c.value).rstrip('*'): c.column for c in sheet[1] if c.value is not None}
for i, row in enumerate(rows):
    for header, value in row.items():
        if isinstance(value, dict):
            value = datetime.datetime.strptime(value['day'], '%Y-%m-%d')
        sheet.cell(row=2 + i, column=headers[header], value=value)
book.save(dst)
`;

/**
 * The workbook opened and saved again by openpyxl, with rows filled in by header (from row 2): what a script or a
 * Python tool hands in.
 */
export function saveWithOpenpyxl(file: Buffer, sheetName: string, rows: Record<string, TOfficeValue>[] = []): Buffer {
  if (!existsSync(PYTHON)) throw missing('Debian’s python3');
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore' });
  } catch {
    throw missing('python3-openpyxl');
  }
  return inScratch((dir) => {
    const src = path.join(dir, 'in.xlsx');
    const dst = path.join(dir, 'out.xlsx');
    writeFileSync(src, file);
    execFileSync(PYTHON, ['-c', OPENPYXL_SCRIPT, src, dst, sheetName, JSON.stringify(rows)], { timeout: 60_000 });
    return readFileSync(dst);
  });
}

/** The workbook opened and saved again as .xlsx by LibreOffice Calc, headless: what a clerk using it hands in. */
export function saveWithLibreOffice(file: Buffer): Buffer {
  if (!existsSync(SOFFICE)) throw missing('LibreOffice Calc');
  return inScratch((dir) => {
    const src = path.join(dir, 'in.xlsx');
    writeFileSync(src, file);
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        path.join(dir, 'out'),
        src,
      ],
      { timeout: 120_000, stdio: 'ignore' },
    );
    return readFileSync(path.join(dir, 'out', 'in.xlsx'));
  });
}
