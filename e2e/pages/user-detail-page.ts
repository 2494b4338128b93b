import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption, chooseTreeNode } from './antd.ts';

/** One user's page: data and role grants. */
export class UserDetailPage {
  readonly detail: Locator;
  readonly grants: Locator;
  readonly grantsTable: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('user-detail');
    this.grants = page.getByTestId('grants-card');
    this.grantsTable = page.getByTestId('grants-table');
    this.dialog = page.getByRole('dialog');
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/users/${id}`);
  }

  /** A value of the data card, by its label. */
  field(label: string): Locator {
    return this.detail
      .locator('.ant-descriptions-item-label')
      .filter({ hasText: label })
      .locator('+ .ant-descriptions-item-content');
  }

  async grantRole(roleLabel: string, unitName: string, includeSubtree = true): Promise<void> {
    await this.grants.getByRole('button', { name: '授予角色' }).click();
    await expect(this.dialog).toBeVisible();
    await chooseOption(this.page, this.dialog.locator('#grant_role'), roleLabel);
    await chooseTreeNode(this.page, this.dialog.locator('#grant_unitId'), unitName);
    if (!includeSubtree) await this.dialog.locator('#grant_includeSubtree').click();
    await this.dialog.getByRole('button', { name: '授予角色' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
