import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from './antd.ts';

/** One target (/targets/:id): its figures, the allocations, reporting an actual, the months grid, the light history. */
export class TargetPage {
  readonly name: Locator;
  readonly overview: Locator;
  readonly allocations: Locator;
  readonly allocationsTable: Locator;
  readonly allocationsSum: Locator;
  readonly report: Locator;
  readonly monthsGrid: Locator;
  readonly light: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByTestId('target-name');
    this.overview = page.getByTestId('target-overview');
    this.allocations = page.getByTestId('target-allocations');
    this.allocationsTable = page.getByTestId('allocations-table');
    this.allocationsSum = page.getByTestId('allocations-sum');
    this.report = page.getByTestId('report-actual');
    this.monthsGrid = page.getByTestId('months-grid');
    this.light = page.getByTestId('target-light');
    this.dialog = page.getByRole('dialog');
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/targets/${id}`);
    await expect(this.name).toBeVisible();
  }

  /** The id in the address. */
  id(): string {
    const id = /\/targets\/([0-9a-f-]{36})/.exec(this.page.url())?.[1];
    if (!id) throw new Error(`not on a target page: ${this.page.url()}`);
    return id;
  }

  /** The county's figure to date, as shown. */
  countyActual(): Locator {
    return this.overview.getByTestId('target-actual');
  }

  /** The county's pace bar (its data-done and data-expected carry the shares). */
  countyPace(): Locator {
    return this.overview.getByTestId('pace-bar');
  }

  /** The allocations table's row of a unit. */
  allocation(unit: string): Locator {
    return this.allocationsTable.locator('.ant-table-row').filter({ hasText: unit });
  }

  /** The allocation editor: sets these units and amounts (replacing what is there) and saves. */
  async allocate(rows: [unit: string, amount: number][]): Promise<void> {
    await this.page.getByTestId('target-allocate').click();
    await expect(this.dialog.getByText('目标分解：')).toBeVisible();
    for (const [i, [unit, amount]] of rows.entries()) {
      await this.dialog.getByTestId('allocation-add').click();
      const row = this.dialog.getByTestId('allocation-row').nth(i);
      await chooseOption(this.page, row.getByRole('combobox'), unit, unit);
      await this.dialog.locator(`#allocation_allocations_${i}_amount`).fill(String(amount));
    }
  }

  /** Saves the open allocation editor. */
  async saveAllocations(): Promise<void> {
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Reports a figure for a month; the unit is chosen only when the form offers more than one. */
  async reportActual(opts: { unit?: string; month?: string; value: number; note?: string }): Promise<void> {
    if (opts.unit) await chooseOption(this.page, this.report.locator('#actual_unitId'), opts.unit);
    if (opts.month) await chooseOption(this.page, this.report.locator('#actual_month'), opts.month);
    await this.report.locator('#actual_value').fill(String(opts.value));
    if (opts.note) await this.report.locator('#actual_note').fill(opts.note);
    await this.report.getByTestId('report-submit').click();
    await expect(this.report.getByTestId('report-done')).toBeVisible();
  }

  /** A unit's figure for a month in the months grid. */
  monthCell(unit: string, month: number): Locator {
    return this.monthsGrid
      .locator('.ant-table-row')
      .filter({ hasText: unit })
      .first()
      .locator(`[data-month="${month}"]`);
  }
}
