import { expect, type Locator, type Page } from '@playwright/test';

/** The audit log (auditor): filters, the table, the chain check. */
export class AuditPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly verifyResult: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('audit-table');
    this.rows = this.table.locator('tr.ant-table-row');
    this.verifyResult = page.getByTestId('verify-result');
  }

  async goto(): Promise<void> {
    await this.page.goto('/audit');
    await expect(this.rows.first()).toBeVisible();
  }

  async filter(opts: { action?: string; actor?: string }): Promise<void> {
    if (opts.action !== undefined) await this.page.locator('#auditFilters_action').fill(opts.action);
    if (opts.actor !== undefined) await this.page.locator('#auditFilters_actor').fill(opts.actor);
    await this.page.keyboard.press('Escape');
    await this.page.locator('form#auditFilters').getByRole('button', { name: '查询' }).click();
  }

  /** The action codes of the rows shown, top to bottom. */
  async actions(): Promise<string[]> {
    return this.rows.locator('td:nth-child(5) .ant-typography').allInnerTexts();
  }

  async verifyChain(): Promise<void> {
    await this.page.getByRole('button', { name: '校验哈希链' }).click();
    await expect(this.verifyResult).toBeVisible();
  }
}
