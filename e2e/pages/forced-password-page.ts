import type { Locator, Page } from '@playwright/test';

/** The password change that comes before anything else at the first login. */
export class ForcedPasswordPage {
  readonly heading: Locator;
  readonly current: Locator;
  readonly next: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: '请先修改密码' });
    this.current = page.locator('#changePassword_currentPassword');
    this.next = page.locator('#changePassword_newPassword');
    this.confirm = page.locator('#changePassword_confirmPassword');
    this.submit = page.locator('form#changePassword button[type="submit"]');
  }

  async change(current: string, next: string): Promise<void> {
    await this.current.fill(current);
    await this.next.fill(next);
    await this.confirm.fill(next);
    await this.submit.click();
  }
}
