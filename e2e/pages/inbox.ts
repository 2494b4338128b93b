import { expect, type Locator, type Page } from '@playwright/test';

/** The header's bell and its dropdown of unread messages. */
export class InboxBell {
  readonly bell: Locator;
  readonly popup: Locator;

  constructor(readonly page: Page) {
    this.bell = page.getByTestId('inbox-bell');
    this.popup = page.getByTestId('inbox-popup');
  }

  /** The unread count the bell shows. */
  async unread(): Promise<number> {
    return Number((await this.bell.getAttribute('data-unread')) ?? 0);
  }

  async open(): Promise<void> {
    await this.bell.click();
    await expect(this.popup).toBeVisible();
  }

  /** An unread message in the dropdown, by the task title it links to. */
  item(title: string): Locator {
    return this.popup.getByTestId('inbox-item').filter({ hasText: title });
  }
}
