import { expect, type Locator, type Page } from '@playwright/test';
import { confirmPopover } from './antd.ts';
import { readDownload } from './downloads.ts';

/** The bulletins (/bulletins): the office's week picker and "generate", the table of issues. */
export class BulletinsPage {
  readonly table: Locator;
  readonly generate: Locator;
  readonly generateCard: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('bulletins-table');
    this.generate = page.getByTestId('bulletin-generate');
    this.generateCard = page.getByTestId('bulletin-generate-card');
  }

  async goto(): Promise<void> {
    await this.page.goto('/bulletins');
    await expect(this.table).toBeVisible();
  }

  /** The table row of an issue, by its label (2026 年第 22 期). */
  row(issue: string): Locator {
    return this.table.locator('.ant-table-row').filter({ hasText: issue });
  }

  /** Opens an issue by its title. */
  async open(issue: string): Promise<BulletinPage> {
    await this.row(issue).getByRole('link').click();
    const bulletin = new BulletinPage(this.page);
    await expect(bulletin.document).toBeVisible();
    return bulletin;
  }
}

/** One bulletin (/bulletins/:id): the document and its actions. */
export class BulletinPage {
  readonly document: Locator;
  readonly state: Locator;
  readonly stamp: Locator;
  readonly title: Locator;
  readonly foreword: Locator;
  readonly actions: Locator;
  readonly edit: Locator;
  readonly regenerate: Locator;
  readonly approve: Locator;
  readonly publish: Locator;
  readonly print: Locator;
  readonly download: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.document = page.getByTestId('bulletin-document');
    this.state = page.getByTestId('bulletin-state');
    this.stamp = page.getByTestId('bulletin-stamp');
    this.title = page.getByTestId('bulletin-title');
    this.foreword = page.getByTestId('bulletin-foreword');
    this.actions = page.getByTestId('bulletin-actions');
    this.edit = page.getByTestId('bulletin-edit');
    this.regenerate = page.getByTestId('bulletin-regenerate');
    this.approve = page.getByTestId('bulletin-approve');
    this.publish = page.getByTestId('bulletin-publish');
    this.print = page.getByTestId('bulletin-print');
    this.download = page.getByTestId('bulletin-download');
    this.dialog = page.getByRole('dialog');
  }

  /** A section of the document: overview, delays, units, notices, admonitions. */
  section(name: 'overview' | 'delays' | 'units' | 'notices' | 'admonitions'): Locator {
    return this.page.getByTestId(`bulletin-${name}`);
  }

  /** Writes the foreword in the editor and saves it. */
  async writeForeword(text: string): Promise<void> {
    await this.edit.click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('按语').fill(text);
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Clicks an action that asks first, and confirms it. */
  async confirm(action: Locator, button: string): Promise<void> {
    await action.click();
    await confirmPopover(this.page, button);
  }

  async downloadWorkbook(): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.download.click()]);
    return { name: download.suggestedFilename(), bytes: await readDownload(download) };
  }
}
