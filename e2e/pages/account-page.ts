import { expect, type Locator, type Page } from '@playwright/test';
import { confirmPopover } from './antd.ts';

/** My account: profile, language, password, personal API tokens. */
export class AccountPage {
  readonly profile: Locator;
  readonly tokens: Locator;
  readonly tokensTable: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.profile = page.getByTestId('account-profile');
    this.tokens = page.getByTestId('tokens-card');
    this.tokensTable = page.getByTestId('tokens-table');
    this.dialog = page.getByRole('dialog');
  }

  async goto(): Promise<void> {
    await this.page.goto('/account');
    await expect(this.profile).toBeVisible();
  }

  /** Creates a token and returns the secret the dialog shows once. */
  async createToken(name: string, accessLabel: string): Promise<string> {
    await this.tokens.getByRole('button', { name: '新建令牌' }).click();
    await this.dialog.locator('#token_name').fill(name);
    await this.dialog.getByRole('radio', { name: accessLabel }).check();
    await this.dialog.getByRole('button', { name: '新建' }).click();
    const secret = this.page.getByTestId('token-secret');
    await expect(secret).toBeVisible();
    return ((await secret.textContent()) ?? '').trim();
  }

  tokenRow(name: string): Locator {
    return this.tokensTable.locator('.ant-table-row').filter({ hasText: name });
  }

  async revokeToken(name: string): Promise<void> {
    await this.tokenRow(name).getByRole('button', { name: '撤销' }).click();
    await confirmPopover(this.page, '撤销');
  }

  async changePassword(current: string, next: string): Promise<void> {
    await this.page.locator('#changePassword_currentPassword').fill(current);
    await this.page.locator('#changePassword_newPassword').fill(next);
    await this.page.locator('#changePassword_confirmPassword').fill(next);
    await this.page.locator('form#changePassword button[type="submit"]').click();
  }
}
