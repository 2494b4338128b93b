import { expect, type Locator, type Page } from '@playwright/test';

/** The two-person resets of the three administrators' passwords (/privileged-resets), and the half dialog. */
export class PrivilegedResetsPage {
  readonly list: Locator;
  readonly rows: Locator;
  readonly half: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('privileged-resets');
    this.rows = page.getByTestId('privileged-reset');
    this.half = page.getByTestId('privileged-reset-half');
  }

  async goto(): Promise<void> {
    await this.page.goto('/privileged-resets');
    await expect(this.list).toBeVisible();
  }

  /** The open reset of an account, by its username. */
  row(username: string): Locator {
    return this.page.locator(`[data-testid="privileged-reset"][data-username="${username}"]`);
  }

  /** The half of the new password the dialog shows, after checking which half it is; closes the dialog. */
  async takeHalf(position: 'first' | 'second'): Promise<string> {
    await expect(this.half).toBeVisible();
    // Once the dialog has finished moving in.
    await expect(this.page.locator('.ant-modal').filter({ has: this.half })).not.toHaveClass(/-(appear|enter)(\s|$)/);
    await expect(this.half).toHaveAttribute('data-position', position);
    const text = ((await this.half.textContent()) ?? '').trim();
    expect(text.length).toBeGreaterThanOrEqual(8);
    return text;
  }

  async closeHalf(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: '已记下' }).click();
    await expect(this.half).toBeHidden();
  }
}
