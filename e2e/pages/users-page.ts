import { expect, type Locator, type Page } from '@playwright/test';
import { chooseTreeNode } from './antd.ts';

export interface TNewUser {
  username: string;
  displayName: string;
  unitName: string;
  title?: string;
  password: string;
}

/** The users list (server-side pages and filters) and its dialogs. */
export class UsersPage {
  readonly table: Locator;
  readonly dialog: Locator;
  readonly total: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('users-table');
    this.dialog = page.getByRole('dialog');
    this.total = page.locator('.ant-pagination-total-text');
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/users${search}`);
    await expect(this.table.locator('.ant-table-row').first()).toBeVisible();
  }

  /** The table row of a user, by username. */
  row(username: string): Locator {
    return this.table
      .locator('.ant-table-row')
      .filter({ has: this.page.getByRole('cell', { name: username, exact: true }) });
  }

  async search(text: string): Promise<void> {
    const box = this.page.getByTestId('users-search').getByRole('searchbox');
    await box.fill(text);
    await box.press('Enter');
  }

  async filterUnit(name: string): Promise<void> {
    await chooseTreeNode(this.page, this.page.getByTestId('users-unit-filter').getByRole('combobox'), name);
  }

  /** Unit names shown in the table's unit column. */
  async unitColumn(): Promise<string[]> {
    return this.table.locator('.ant-table-row td:nth-child(3)').allInnerTexts();
  }

  async createUser(user: TNewUser): Promise<void> {
    await this.page.getByRole('button', { name: '新建用户' }).click();
    await this.dialog.locator('#user_username').fill(user.username);
    await this.dialog.locator('#user_displayName').fill(user.displayName);
    await chooseTreeNode(this.page, this.dialog.locator('#user_unitId'), user.unitName);
    if (user.title) await this.dialog.locator('#user_title').fill(user.title);
    await this.dialog.locator('#user_password').fill(user.password);
    await this.dialog.getByRole('button', { name: '保存' }).click();
  }
}
