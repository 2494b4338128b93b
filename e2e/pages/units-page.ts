import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption, chooseTreeNode } from './antd.ts';

/** The unit tree and the selected unit's panel (sysAdmin). */
export class UnitsPage {
  readonly tree: Locator;
  readonly detail: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.tree = page.getByTestId('unit-tree');
    this.detail = page.getByTestId('unit-detail');
    this.dialog = page.getByRole('dialog');
  }

  async goto(): Promise<void> {
    await this.page.goto('/units');
    await expect(this.tree).toBeVisible();
  }

  /** A unit's node in the tree, by its exact name. */
  node(name: string): Locator {
    return this.tree
      .locator('.ant-tree-node-content-wrapper')
      .filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async select(name: string): Promise<void> {
    await this.node(name).click();
    await expect(this.detail.locator('.ant-card-head-title')).toContainText(name);
  }

  /** Creates a sub-unit of the selected unit; the new unit becomes the selected one. */
  async createChild(name: string, categoryLabel: string): Promise<void> {
    await this.detail.getByRole('button', { name: '新建下级单位' }).click();
    await this.dialog.locator('#unit_name').fill(name);
    await chooseOption(this.page, this.dialog.locator('#unit_category'), categoryLabel);
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.detail.locator('.ant-card-head-title')).toContainText(name);
  }

  /** Opens the move dialog of the selected unit and asks to move it under another unit. */
  async moveUnder(parentName: string): Promise<void> {
    await this.detail.getByRole('button', { name: '移动' }).click();
    await chooseTreeNode(this.page, this.dialog.locator('#moveUnit_parentId'), parentName);
    await this.dialog.getByRole('button', { name: '移动' }).click();
  }
}
