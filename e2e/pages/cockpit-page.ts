import { expect, type Locator, type Page } from '@playwright/test';
import { findCutContent } from './layout.ts';

/** The cockpit (/cockpit): targets against pace, lights, escalations, highlights, instructions. */
export class CockpitPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly targets: Locator;
  readonly targetTiles: Locator;
  readonly categories: Locator;
  readonly unitSelect: Locator;
  readonly yearSelect: Locator;
  readonly openWall: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('cockpit');
    this.heading = page.getByRole('heading', { name: '数据驾驶舱', exact: true });
    this.targets = page.getByTestId('cockpit-targets');
    this.targetTiles = page.getByTestId('cockpit-target');
    this.categories = page.getByTestId('cockpit-category');
    this.unitSelect = page.getByTestId('cockpit-unit');
    this.yearSelect = page.getByTestId('cockpit-year');
    this.openWall = page.getByTestId('cockpit-open-wall');
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/cockpit${search}`);
    await expect(this.root).toBeVisible();
  }

  /** A target's tile, by the target's id. */
  target(targetId: string): Locator {
    return this.page.locator(`[data-testid="cockpit-target"][data-target-id="${targetId}"]`);
  }

  /** The actual figure shown on a target's tile. */
  actualOf(targetId: string): Locator {
    return this.target(targetId).getByTestId('cockpit-target-actual');
  }

  /** A unit category's row of the lights by category (township, department…). */
  category(key: string): Locator {
    return this.page.locator(`[data-testid="cockpit-category"][data-key="${key}"]`);
  }

  /** The big figure of a tile (tasks per light, escalations), as a number. */
  async count(testId: string): Promise<number> {
    return Number(await this.page.getByTestId(testId).locator('[data-count]').getAttribute('data-count'));
  }
}

/** The wall display (/cockpit/wall): the scaled 1920×1080 stage. */
export class CockpitWall {
  readonly stage: Locator;
  readonly body: Locator;
  readonly clock: Locator;
  readonly updated: Locator;
  readonly panels: Locator;
  readonly targets: Locator;

  constructor(readonly page: Page) {
    this.stage = page.getByTestId('wall-stage');
    this.body = page.getByTestId('wall-body');
    this.clock = page.getByTestId('wall-clock');
    this.updated = page.getByTestId('wall-updated');
    this.panels = page.locator('.wall-panel');
    this.targets = page.getByTestId('wall-target');
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/cockpit/wall${search}`);
    await expect(this.body).toBeVisible();
  }

  /** The stage's box on the screen, after scaling. */
  async stageBox(): Promise<{ x: number; y: number; width: number; height: number }> {
    const box = await this.stage.boundingBox();
    if (!box) throw new Error('the wall stage is not on the screen');
    return box;
  }

  /** What is cut off or spills out of its panel, its target card or the header (none, on a wall that fits). */
  cutContent(): Promise<string[]> {
    return findCutContent(this.page, {
      within: '[data-testid="wall-stage"]',
      boxes: '.wall-panel, .wall-target, .wall-header',
    });
  }
}
