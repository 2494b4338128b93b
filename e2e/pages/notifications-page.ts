import { expect, type Locator, type Page } from '@playwright/test';
import { chooseTreeNode } from './antd.ts';

/** Outgoing notifications (/notifications): the channels table, the channel form, the deliveries log. */
export class NotificationsPage {
  readonly channels: Locator;
  readonly deliveries: Locator;
  readonly create: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.channels = page.getByTestId('channels-table');
    this.deliveries = page.getByTestId('deliveries-table');
    this.create = page.getByTestId('channel-create');
    this.dialog = page.getByRole('dialog');
  }

  async goto(): Promise<void> {
    await this.page.goto('/notifications');
    await expect(this.channels).toBeVisible();
  }

  /** A channel's row, by its name. */
  row(name: string): Locator {
    return this.channels.locator('.ant-table-row').filter({ hasText: name });
  }

  /** Opens the form and fills in a robot channel: county-wide unless a unit is named; the default events. */
  async fillRobot(values: {
    name: string;
    kind: '钉钉' | '企业微信' | '飞书';
    unit?: string;
    url: string;
    secret?: string;
  }): Promise<void> {
    await this.create.click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByLabel('名称').fill(values.name);
    await this.dialog.getByTestId('channel-kind').getByText(values.kind, { exact: true }).click();
    if (values.unit) {
      await this.dialog.getByText('指定单位', { exact: true }).click();
      await chooseTreeNode(this.page, this.dialog.locator('#channel_unitId'), values.unit);
    }
    await this.dialog.getByTestId('channel-url').fill(values.url);
    if (values.secret) await this.dialog.getByTestId('channel-secret').fill(values.secret);
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: '保存' }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Sends a test message from a channel's row. */
  async sendTest(name: string): Promise<void> {
    await this.row(name).getByTestId('channel-test').click();
  }

  async openDeliveries(): Promise<void> {
    await this.page.getByRole('tab', { name: '发送记录' }).click();
    await expect(this.deliveries).toBeVisible();
  }

  /** A delivery's row, by its channel's name. */
  delivery(channelName: string): Locator {
    return this.deliveries.locator('.ant-table-row').filter({ hasText: channelName });
  }
}
