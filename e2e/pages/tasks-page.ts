import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from './antd.ts';
import { ImportDialogPage } from './import-dialog.ts';

/** The task list (/tasks): list selector, filters, table, and the list dialogs (new list, import, assign). */
export class TasksPage extends ImportDialogPage {
  readonly table: Locator;
  readonly listSelect: Locator;
  readonly listCounts: Locator;
  readonly total: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.getByTestId('tasks-table');
    this.listSelect = page.getByTestId('task-list-select');
    this.listCounts = page.getByTestId('task-list-counts');
    this.total = page.locator('.ant-pagination-total-text');
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/tasks${search}`);
    await expect(this.table).toBeVisible();
  }

  /** The table row of a task, by its title. */
  row(title: string): Locator {
    return this.table
      .locator('.ant-table-row')
      .filter({ has: this.page.getByRole('link', { name: title, exact: true }) });
  }

  async pickList(name: string): Promise<void> {
    await chooseOption(this.page, this.listSelect.getByRole('combobox'), name);
    await expect(this.page).toHaveURL(/listId=/);
    // The page has drawn the chosen list (the address changes before React renders it).
    await expect(this.listCounts).toBeVisible();
  }

  /** Filters by state, by its Chinese name. */
  async filterState(label: string): Promise<void> {
    await chooseOption(this.page, this.page.getByTestId('filter-state').getByRole('combobox'), label);
    await expect(this.page).toHaveURL(/state=/);
  }

  async createList(name: string, year: number): Promise<void> {
    await this.page.getByRole('button', { name: '新建清单' }).click();
    await this.dialog.locator('#taskList_name').fill(name);
    await this.dialog.locator('#taskList_year').fill(String(year));
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.listSelect).toContainText(name);
  }

  async openImport(): Promise<void> {
    await this.openImportWith(this.page.getByRole('button', { name: '导入 Excel' }));
  }

  /** Assigns every draft task of the chosen list and waits for the result. */
  async assignAll(): Promise<void> {
    await this.page.getByRole('button', { name: /交办清单/ }).click();
    await expect(this.dialog.getByText(/全部草稿任务/)).toBeVisible();
    await this.dialog.getByRole('button', { name: '确认交办' }).click();
    await expect(this.dialog.getByTestId('assign-result')).toBeVisible();
  }
}
