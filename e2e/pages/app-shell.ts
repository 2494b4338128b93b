import { expect, type Locator, type Page } from '@playwright/test';
import { chooseMenuItem } from './antd.ts';

/** The frame around every page after login: header, language switch, user menu, navigation. */
export class AppShell {
  readonly nav: Locator;
  readonly userMenu: Locator;
  readonly languageSwitch: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByTestId('nav');
    this.userMenu = page.getByTestId('user-menu');
    this.languageSwitch = page.getByTestId('language-switch');
  }

  /** Waits until the navigation shows exactly these entries, in this order. */
  async expectNav(labels: string[]): Promise<void> {
    await expect(this.nav.getByRole('menuitem')).toHaveText(labels);
  }

  async openNav(label: string): Promise<void> {
    // By its whole text: 消息 is not 消息推送 (an entry's name also carries its icon's label).
    await this.nav
      .getByRole('menuitem')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .click();
  }

  /** Picks a language from the header menu by its own name (中文 / English). */
  async switchLanguage(name: '中文' | 'English'): Promise<void> {
    await chooseMenuItem(this.page, this.languageSwitch, name);
  }

  async logout(label: string): Promise<void> {
    await chooseMenuItem(this.page, this.userMenu, label);
  }
}
