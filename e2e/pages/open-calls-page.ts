import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption, confirmPopover } from './antd.ts';

/** The open calls (/open-calls) and one call's page, with the publish, bid and award steps. */
export class OpenCallsPage {
  readonly table: Locator;
  readonly dialog: Locator;
  readonly title: Locator;
  readonly state: Locator;
  readonly bids: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('open-calls-table');
    this.dialog = page.getByRole('dialog');
    this.title = page.getByTestId('open-call-title');
    this.state = page.getByTestId('open-call-summary').getByTestId('open-call-state');
    this.bids = page.getByTestId('open-call-bids').getByTestId('bid');
  }

  async goto(): Promise<void> {
    await this.page.goto('/open-calls');
    await expect(this.table).toBeVisible();
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/open-calls/${id}`);
    await expect(this.title).toBeVisible();
  }

  /** Publishes a task (found by title) with requirements; lands on the new call's page. */
  async publish(taskTitle: string, requirements: string, beforeSending?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId('call-publish').click();
    await chooseOption(this.page, this.dialog.locator('#publishCall_taskId'), taskTitle, taskTitle);
    await this.dialog.locator('#publishCall_requirements').fill(requirements);
    await beforeSending?.();
    await this.dialog.getByRole('button', { name: '发布揭榜' }).click();
    await expect(this.title).toHaveText(taskTitle);
  }

  async bid(plan: string, pledge: string, beforeSending?: () => Promise<void>): Promise<void> {
    await this.page.getByTestId('call-bid').click();
    await this.dialog.locator('#bid_plan').fill(plan);
    await this.dialog.locator('#bid_pledge').fill(pledge);
    await beforeSending?.();
    await this.dialog.getByRole('button', { name: '我要揭榜' }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** The bid card of a bidder, by name. */
  bidOf(name: string): Locator {
    return this.bids.filter({ hasText: name });
  }

  async award(bidderName: string): Promise<void> {
    await this.bidOf(bidderName).getByRole('button', { name: '定榜' }).click();
    await confirmPopover(this.page, '定榜');
    await expect(this.state).toHaveText('已定榜');
  }
}
