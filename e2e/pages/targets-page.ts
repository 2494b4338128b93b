import { expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { chooseOption } from './antd.ts';
import { ImportDialogPage } from './import-dialog.ts';

/** A target as the create dialog takes it. */
export interface TNewTarget {
  name: string;
  measure: string;
  total: number;
  /** Kind as the select shows it, e.g. 数量（整数）; the default (count) when left out. */
  kind?: string;
  note?: string;
}

/** The year's targets (/targets): year picker, table, the create dialog and the actuals import. */
export class TargetsPage extends ImportDialogPage {
  readonly table: Locator;
  readonly yearLabel: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.getByTestId('targets-table');
    this.yearLabel = page.getByTestId('year-label');
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/targets${search}`);
    await expect(this.table).toBeVisible();
  }

  /** The table row of a target, by its name. */
  row(name: string): Locator {
    return this.table.locator('.ant-table-row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Creates a target through the dialog; the page then opens it. */
  async create(target: TNewTarget): Promise<void> {
    await this.page.getByTestId('targets-create').click();
    await expect(this.dialog.getByText('新建年度目标')).toBeVisible();
    await this.dialog.locator('#target_name').fill(target.name);
    await this.dialog.locator('#target_total').fill(String(target.total));
    await this.dialog.locator('#target_measure').fill(target.measure);
    if (target.kind) await chooseOption(this.page, this.dialog.locator('#target_kind'), target.kind);
    if (target.note) await this.dialog.locator('#target_note').fill(target.note);
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.page).toHaveURL(/\/targets\/[0-9a-f-]{36}$/);
  }

  async openImport(): Promise<void> {
    await this.openImportWith(this.page.getByTestId('targets-import'));
  }
}

/** One figure to enter in the actuals workbook: the row of a target and a unit, its month and value. */
export interface TActualsEntry {
  target: string;
  unit: string;
  month?: number;
  value: number | string;
}

const ACTUALS_SHEET = '实绩';

/** The header cells of the actuals sheet, by their text. */
function headersOf(sheet: ExcelJS.Worksheet): Map<string, number> {
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columns.set(String(cell.value).replace(/[\s*＊]/g, ''), col));
  return columns;
}

/** The column of a header, or a clear failure. */
function columnOf(columns: Map<string, number>, header: string): number {
  const found = columns.get(header);
  if (!found) throw new Error(`the workbook has no column ${header}`);
  return found;
}

/** The actuals template with these figures entered on the rows of their target and unit; answers the bytes. */
export async function fillActuals(template: Buffer, entries: TActualsEntry[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(ACTUALS_SHEET);
  if (!sheet) throw new Error(`the template has no sheet ${ACTUALS_SHEET}`);
  const columns = headersOf(sheet);
  const col = (header: string) => columnOf(columns, header);
  for (const entry of entries) {
    let filled = false;
    sheet.eachRow((row, n) => {
      if (n === 1 || filled) return;
      if (row.getCell(col('目标')).text !== entry.target || row.getCell(col('单位')).text !== entry.unit) return;
      if (entry.month !== undefined) row.getCell(col('月份')).value = entry.month;
      row.getCell(col('数值')).value = entry.value;
      row.commit();
      filled = true;
    });
    if (!filled) throw new Error(`the template has no row for ${entry.target} / ${entry.unit}`);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The row numbers the returned workbook marks in its column 错误说明, on the actuals sheet. */
export async function markedRows(workbook: Buffer): Promise<number[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(ACTUALS_SHEET) ?? book.worksheets[0];
  if (!sheet) throw new Error('an empty workbook');
  const col = headersOf(sheet).get('错误说明');
  if (!col) return [];
  const rows: number[] = [];
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(col).text) rows.push(n);
  });
  return rows;
}

/** The row number of a target and unit in the actuals workbook. */
export async function rowOf(workbook: Buffer, target: string, unit: string): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(ACTUALS_SHEET);
  if (!sheet) throw new Error(`the workbook has no sheet ${ACTUALS_SHEET}`);
  const columns = headersOf(sheet);
  let found = 0;
  sheet.eachRow((row, n) => {
    if (found || n === 1) return;
    const isTarget = row.getCell(columnOf(columns, '目标')).text === target;
    if (isTarget && row.getCell(columnOf(columns, '单位')).text === unit) found = n;
  });
  return found;
}
