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
  readonly owner: Locator;
  readonly milestones: Locator;
  readonly editButton: Locator;
  readonly addMilestoneButton: Locator;
  readonly assignOwnerButton: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('task-title');
    this.overview = page.getByTestId('task-overview');
    this.state = this.overview.getByTestId('task-state');
    this.subtasks = page.getByTestId('task-subtasks');
    this.attachments = page.getByTestId('task-attachments');
    this.activity = page.getByTestId('task-activity');
    this.closeSummary = page.getByTestId('task-close-summary');
    this.dialog = page.getByRole('dialog');
    this.owner = this.overview.getByTestId('task-owner');
    this.milestones = page.getByTestId('task-milestones');
    this.editButton = page.getByTestId('task-edit');
    this.addMilestoneButton = page.getByTestId('task-add-milestone');
    this.assignOwnerButton = page.getByTestId('task-assign-owner');
  }

  /** A milestone of the roadmap, by its title. */
  milestone(title: string): Locator {
    return this.milestones.getByTestId('milestone').filter({ hasText: title });
  }

  /** Opens the edit dialog and changes the fields given (the caller saves, or looks at what the form says). */
  async editTask(fields: { title?: string; dueDate?: string; leadLeader?: string }): Promise<void> {
    await this.editButton.click();
    await expect(this.dialog.getByText('编辑任务：')).toBeVisible();
    if (fields.title !== undefined) await this.dialog.locator('#task_title').fill(fields.title);
    if (fields.dueDate) {
      await this.dialog.locator('#task_dueDate').fill(fields.dueDate);
      await this.dialog.locator('#task_dueDate').press('Enter');
    }
    if (fields.leadLeader) await this.chooseLeadLeader(fields.leadLeader);
  }

  /** Picks the lead leader in the edit dialog, by username. */
  async chooseLeadLeader(username: string): Promise<void> {
    await chooseOption(this.page, this.dialog.locator('#task_leadLeaderId'), `（${username}）`, username);
  }

  /** The error the dialog's form shows under a field, by the field's label. */
  fieldError(label: string): Locator {
    return this.dialog
      .locator('.ant-form-item')
      .filter({ has: this.page.locator('label', { hasText: label }) })
      .locator('.ant-form-item-explain-error');
  }

  /** Adds a milestone at the end of the roadmap through its dialog; it shows in the timeline. */
  async addMilestone(
    milestone: { title: string; dueDate: string; weight?: number; deliverable?: string },
    beforeSave?: () => Promise<void>,
  ): Promise<void> {
    await this.addMilestoneButton.click();
    await this.dialog.locator('#milestone_title').fill(milestone.title);
    await this.dialog.locator('#milestone_dueDate').fill(milestone.dueDate);
    await this.dialog.locator('#milestone_dueDate').press('Enter');
    if (milestone.weight !== undefined) await this.dialog.locator('#milestone_weight').fill(String(milestone.weight));
    if (milestone.deliverable) await this.dialog.locator('#milestone_deliverable').fill(milestone.deliverable);
    await beforeSave?.();
    await this.submitDialog('保存');
    await expect(this.milestone(milestone.title)).toBeVisible();
  }

  /** Sets the owner from the lead unit's people, searching by username; the overview then names them. */
  async assignOwner(username: string, displayName: string, beforeSave?: () => Promise<void>): Promise<void> {
    await this.assignOwnerButton.click();
    await chooseOption(this.page, this.dialog.locator('#assignOwner_ownerId'), `（${username}）`, username);
    await beforeSave?.();
    await this.submitDialog('保存');
    await expect(this.owner).toHaveText(displayName);
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
