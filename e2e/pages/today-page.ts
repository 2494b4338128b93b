import { expect, type Locator, type Page } from '@playwright/test';

/** What the cadre enters for one task when something moved. */
export interface TEntry {
  progress?: number;
  done?: string;
  next?: string;
  blocker?: string;
  progressReason?: string;
  milestones?: string[];
  photo?: { name: string; mimeType: string; buffer: Buffer };
}

/** The Today page (/today, 今日日清): the due tasks, the ones not due, the sync banner, one submit. */
export class TodayPage {
  readonly root: Locator;
  readonly allNoChange: Locator;
  readonly submitButton: Locator;
  readonly banner: Locator;
  readonly results: Locator;
  readonly notDue: Locator;
  readonly offlineReady: Locator;
  readonly syncNow: Locator;
  readonly rejected: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('today-page');
    this.allNoChange = page.getByTestId('today-all-no-change');
    this.submitButton = page.getByTestId('today-submit');
    this.banner = page.getByTestId('today-sync-banner');
    this.results = page.getByTestId('today-results');
    this.notDue = page.getByTestId('today-not-due');
    this.offlineReady = page.getByTestId('today-offline-ready');
    this.syncNow = page.getByTestId('today-sync-now');
    this.rejected = page.getByTestId('today-rejected');
  }

  async goto(): Promise<void> {
    await this.page.goto('/today');
    await this.waitLoaded();
  }

  /** Waits until the list is shown (not the skeleton). */
  async waitLoaded(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  /** A task's card, by its exact title. */
  card(title: string): Locator {
    return this.page
      .getByTestId('today-task')
      .filter({ has: this.page.getByTestId('today-task-title').getByText(title, { exact: true }) });
  }

  /** The result line of a task after a submit. */
  result(title: string): Locator {
    return this.results.getByTestId('today-result').filter({ hasText: title });
  }

  async openNotDue(): Promise<void> {
    await this.notDue.getByRole('button', { expanded: false }).click();
  }

  /** Opens a task's fields and enters what is given. */
  async fillEntry(title: string, entry: TEntry): Promise<void> {
    const card = this.card(title);
    const write = card.getByTestId('today-write');
    // A tap that lands while the list is still settling is tried again until the fields are open.
    await expect(async () => {
      if ((await write.getAttribute('aria-expanded')) !== 'true') await write.click();
      await expect(write).toHaveAttribute('aria-expanded', 'true', { timeout: 1_000 });
    }).toPass();
    if (entry.progress !== undefined) {
      const progress = card.getByTestId('check-in-progress');
      await progress.fill(String(entry.progress));
      await progress.blur();
    }
    if (entry.progressReason !== undefined)
      await card.getByTestId('check-in-progressReason').fill(entry.progressReason);
    if (entry.done !== undefined) await card.getByTestId('check-in-done').fill(entry.done);
    if (entry.next !== undefined) await card.getByTestId('check-in-next').fill(entry.next);
    if (entry.blocker !== undefined) await card.getByTestId('check-in-blocker').fill(entry.blocker);
    for (const milestone of entry.milestones ?? []) {
      await card.getByRole('checkbox', { name: milestone }).check();
    }
    if (entry.photo) {
      const before = await card.getByTestId('check-in-photo').count();
      await card.getByTestId('check-in-photo-input').setInputFiles(entry.photo);
      await expect(card.getByTestId('check-in-photo')).toHaveCount(before + 1);
    }
  }

  /** Starts counting the cadre's taps (trusted pointer presses anywhere on the page). */
  async countTaps(): Promise<void> {
    await this.page.evaluate(() => {
      const counter = window as unknown as { dubanTaps: number };
      counter.dubanTaps = 0;
      document.addEventListener(
        'pointerdown',
        (event) => {
          if (event.isTrusted) counter.dubanTaps += 1;
        },
        true,
      );
    });
  }

  taps(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { dubanTaps: number }).dubanTaps);
  }
}
