import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption, confirmPopover } from './antd.ts';

/** One task's page (/tasks/:id): overview, roadmap, sub-tasks, attachments, notes, activity, action buttons. */
export class TaskPage {
  readonly title: Locator;
  readonly state: Locator;
  readonly overview: Locator;
  readonly subtasks: Locator;
  readonly attachments: Locator;
  readonly activity: Locator;
  readonly closeSummary: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('task-title');
    this.overview = page.getByTestId('task-overview');
    this.state = this.overview.getByTestId('task-state');
    this.subtasks = page.getByTestId('task-subtasks');
    this.attachments = page.getByTestId('task-attachments');
    this.activity = page.getByTestId('task-activity');
    this.closeSummary = page.getByTestId('task-close-summary');
    this.dialog = page.getByRole('dialog');
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/tasks/${id}`);
    await expect(this.title).toBeVisible();
  }

  async acknowledge(): Promise<void> {
    await this.page.getByTestId('task-acknowledge').click();
    await confirmPopover(this.page, '签收');
    await expect(this.state).toHaveText('已签收');
  }

  /** Marks a milestone of the roadmap done, by its title. */
  async markMilestoneDone(title: string): Promise<void> {
    const milestone = this.page.getByTestId('milestone').filter({ hasText: title });
    await milestone.getByRole('button', { name: '标记完成' }).click();
    await expect(milestone).toContainText('已完成');
  }

  /** Splits the task: a sub-task for a unit offered (own unit or a co-unit), with an owner of that unit. */
  async decompose(sub: { title: string; unit: string; owner?: string }): Promise<void> {
    await this.page.getByTestId('task-decompose').click();
    await expect(this.dialog.getByText('分解任务：')).toBeVisible();
    await this.dialog.locator('#task_title').fill(sub.title);
    await chooseOption(this.page, this.dialog.locator('#task_leadUnitId'), sub.unit);
    if (sub.owner) await chooseOption(this.page, this.dialog.locator('#task_ownerId'), sub.owner, sub.owner);
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.subtasks.getByRole('link', { name: sub.title })).toBeVisible();
  }

  /** Requests closure with a summary and a photo uploaded in the dialog as evidence. */
  async requestClose(summary: string, photo?: { name: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId('task-request-close').click();
    await this.dialog.locator('#requestClose_summary').fill(summary);
    if (photo) {
      await this.dialog.locator('input[type="file"]').setInputFiles({ ...photo, mimeType: 'image/png' });
      const option = this.dialog.getByTestId('evidence-options').locator('.ant-checkbox-wrapper').first();
      await expect(option.locator('.ant-checkbox')).toHaveClass(/ant-checkbox-checked/);
    }
  }

  async submitDialog(button: string): Promise<void> {
    await this.dialog.getByRole('button', { name: button }).click();
    await expect(this.dialog).toBeHidden();
  }

  async returnWithReason(reason: string): Promise<void> {
    await this.page.getByTestId('task-reopen').click();
    await this.dialog.locator('#reason_reason').fill(reason);
    await this.submitDialog('退回');
    await expect(this.state).toHaveText('推进中');
  }

  async close(): Promise<void> {
    await this.page.getByTestId('task-close').click();
    await confirmPopover(this.page, '审核通过并办结');
    await expect(this.state).toHaveText('已办结');
  }
}
