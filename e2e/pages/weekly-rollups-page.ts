import { expect, type Locator, type Page } from '@playwright/test';
import { readDownload } from './downloads.ts';

/** The week's roll-ups (/weekly-rollups): week picker, unit filter, "generate now", the table of units. */
export class WeeklyRollupsPage {
  readonly table: Locator;
  readonly weekLabel: Locator;
  readonly generate: Locator;
  readonly openReport: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('rollups-table');
    this.weekLabel = page.getByTestId('week-label');
    this.generate = page.getByTestId('rollups-generate');
    this.openReport = page.getByTestId('rollups-open-report');
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/weekly-rollups${search}`);
    await expect(this.table).toBeVisible();
  }

  /** The table row of a unit, by its name. */
  row(unitName: string): Locator {
    return this.table
      .locator('.ant-table-row')
      .filter({ has: this.page.getByRole('link', { name: unitName, exact: true }) });
  }

  /** Opens a unit's roll-up from its row. */
  async open(unitName: string): Promise<WeeklyRollupPage> {
    await this.row(unitName).getByRole('link', { name: unitName, exact: true }).click();
    const rollup = new WeeklyRollupPage(this.page);
    await expect(rollup.title).toHaveText(`${unitName} · 周结`);
    return rollup;
  }
}

/** One unit's roll-up (/weekly-rollups/:id): figures, highlights, blockers, each task's week, the confirmation. */
export class WeeklyRollupPage {
  readonly title: Locator;
  readonly state: Locator;
  readonly figures: Locator;
  readonly highlights: Locator;
  readonly blockers: Locator;
  readonly tasks: Locator;
  readonly confirmCard: Locator;
  readonly confirmation: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('rollup-title');
    this.state = page.getByTestId('rollup-state').first();
    this.figures = page.getByTestId('rollup-figures');
    this.highlights = page.getByTestId('rollup-highlights');
    this.blockers = page.getByTestId('rollup-blockers');
    this.tasks = page.getByTestId('rollup-tasks');
    this.confirmCard = page.getByTestId('rollup-confirm');
    this.confirmation = page.getByTestId('rollup-confirmation');
  }

  /** A task's week (its row, or its card on a phone), by the task's title. */
  task(title: string): Locator {
    return this.tasks
      .locator('.ant-table-row')
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  /** Confirms the roll-up with an annotation (none when empty) and waits for the confirmation to show. */
  async confirm(annotation: string): Promise<void> {
    if (annotation) await this.confirmCard.getByLabel('批注').fill(annotation);
    await this.confirmCard.getByRole('button', { name: '确认周结' }).click();
    await expect(this.confirmation).toBeVisible();
  }
}

/** The weekly report (/weekly-reports/:week): totals, pending units, each unit's confirmed week, download, print. */
export class WeeklyReportPage {
  readonly root: Locator;
  readonly title: Locator;
  /** The printed report's masthead: shown on paper only. */
  readonly masthead: Locator;
  readonly totals: Locator;
  readonly pending: Locator;
  readonly download: Locator;
  readonly print: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('weekly-report');
    this.title = page.getByTestId('report-title');
    this.masthead = page.getByTestId('report-masthead');
    this.totals = page.getByTestId('report-totals');
    this.pending = page.getByTestId('report-pending');
    this.download = page.getByTestId('report-download');
    this.print = page.getByTestId('report-print');
  }

  async goto(week: string, search = ''): Promise<void> {
    await this.page.goto(`/weekly-reports/${week}${search}`);
    await expect(this.root).toBeVisible();
  }

  /** A unit's section of the report. */
  unit(unitName: string): Locator {
    return this.root
      .getByTestId('report-unit')
      .filter({ has: this.page.getByRole('link', { name: unitName, exact: true }) });
  }

  /** Downloads the report as a workbook; answers its file name and bytes. */
  async downloadWorkbook(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.download.click()]);
    return { name: download.suggestedFilename(), bytes: await readDownload(download) };
  }
}

/** The burden meter (/burden): per unit, and a unit's people. */
export class BurdenPage {
  readonly units: Locator;
  readonly people: Locator;
  readonly explanation: Locator;

  constructor(readonly page: Page) {
    this.units = page.getByTestId('burden-units');
    this.people = page.getByTestId('burden-people');
    this.explanation = page.getByTestId('burden-explain');
  }

  async goto(): Promise<void> {
    await this.page.goto('/burden');
    await expect(this.explanation).toBeVisible();
  }

  unitRow(name: string): Locator {
    return this.units.locator('.ant-table-row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  personRow(name: string): Locator {
    return this.people.locator('.ant-table-row').filter({ hasText: name });
  }

  /** The figures of a row by column header, as numbers. */
  async figures(table: Locator, row: Locator): Promise<Record<string, number>> {
    const headers = await table.locator('.ant-table-thead th').allInnerTexts();
    const cells = await row.locator('td').allInnerTexts();
    return Object.fromEntries(headers.map((h, i) => [h.trim(), Number(cells[i])]).slice(1));
  }

  /** Drills into a unit: its people. */
  async openUnit(name: string): Promise<void> {
    await this.unitRow(name).getByRole('link', { name, exact: true }).click();
    await expect(this.page).toHaveURL(/unitId=/);
    await expect(this.people).toBeVisible();
  }
}
