import { expect, type Locator, type Page } from '@playwright/test';

/** The login page, in either language. */
export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.username = page.locator('#login_username');
    this.password = page.locator('#login_password');
    this.submit = page.locator('form#login button[type="submit"]');
    this.error = page.getByTestId('login-error');
  }

  async goto(): Promise<void> {
    await this.page.goto('/login');
    await expect(this.username).toBeVisible();
  }

  /**
   * Logs in and waits for the application frame (its user menu) and the landing page (a unit head's depends on what
   * waits on them, asked for first), so the session exists and the address is settled before going on.
   */
  async loginAndWait(username: string, password: string): Promise<void> {
    await this.login(username, password);
    await expect(this.page.getByTestId('user-menu')).toBeVisible();
    await expect(this.page).toHaveURL((url) => url.pathname !== '/' && url.pathname !== '/login');
  }

  /** Fills in and sends the form; the caller checks where it leads. */
  async login(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
