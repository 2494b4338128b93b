import type { Page } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { TargetPage } from './pages/target-page.ts';
import { fillActuals, markedRows, rowOf, TargetsPage } from './pages/targets-page.ts';

const TARGET = '新增个体工商户';
const TOWN = '城关镇';
const OTHER_TOWN = '东关镇';
/** A demo target with an allocation to 城关镇, for the import's bad row. */
const DEMO_TARGET = '新增市场主体';

/** The month figures are due for now: the last whole month gone in the county (January early in the year). */
function dueMonth(): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return Math.max(1, Number(today.slice(5, 7)) - 1);
}

async function loginAs(page: Page, username: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait(username, DEMO_PASSWORD);
}

/** What the cockpit shows as a target's figure to date (the contract of the cockpit page). */
async function cockpitActual(page: Page, targetId: string): Promise<string> {
  await page.goto('/cockpit');
  const card = page.locator(`[data-testid="cockpit-target"][data-target-id="${targetId}"]`);
  // The cockpit gathers the whole county's figures: give its first answer more time than a form's.
  await expect(card).toBeVisible({ timeout: 20_000 });
  return ((await card.getByTestId('cockpit-target-actual').textContent()) ?? '').trim();
}

/** A target's 城关镇 allocation as the API answers it to the liaison. */
async function townAllocation(targetId: string): Promise<{ actual: number | null; lastMonth: number | null }> {
  const { api } = await apiAs('liaison');
  const res = await api.get(`/api/v1/targets/${targetId}`);
  expect(res.status()).toBe(200);
  const target = (await res.json()) as {
    allocations: { unit: { name: string }; pace: { actual: number | null }; lastMonth: number | null }[];
  };
  await api.dispose();
  const allocation = target.allocations.find((a) => a.unit.name === TOWN);
  if (!allocation) throw new Error(`no allocation to ${TOWN}`);
  return { actual: allocation.pace.actual, lastMonth: allocation.lastMonth };
}

test.describe
  .serial('yearly targets (年度目标): allocation, a month’s actual, the cockpit and the import', () => {
    let targetId = '';
    let cockpitBefore = '';

    test('the supervisor creates a target, allocates it to two townships and sees what is left', async ({ page }) => {
      test.slow();
      await loginAs(page, 'supervisor');
      const targets = new TargetsPage(page);
      await targets.goto();
      // The demo county's targets, with their pace.
      await expect(targets.row(DEMO_TARGET)).toBeVisible();
      await expect(targets.row(DEMO_TARGET).getByTestId('pace-bar')).toBeVisible();
      await screenshot(page, 'targets');

      await targets.create({ name: TARGET, measure: '户', total: 2000, note: '城区两镇个体工商户登记净增' });
      const target = new TargetPage(page);
      targetId = target.id();
      await expect(target.name).toHaveText(TARGET);
      await expect(target.allocationsSum.getByTestId('target-difference')).toHaveText('尚有 2,000 户未分解');

      // Two townships; the editor shows the difference while typing.
      await target.allocate([
        [TOWN, 800],
        [OTHER_TOWN, 700],
      ]);
      await expect(target.dialog.getByTestId('allocation-sum')).toContainText('已分解 1,500 户 / 目标 2,000 户');
      await expect(target.dialog.getByTestId('target-difference')).toHaveText('尚有 500 户未分解');
      await screenshot(page, 'target-allocate', { isViewportOnly: true });
      await target.saveAllocations();

      await expect(target.allocationsSum.getByTestId('target-difference')).toHaveAttribute('data-difference', '500');
      await expect(target.allocationsSum).toContainText('已分解 1,500 户 / 目标 2,000 户');
      await expect(target.allocation(TOWN)).toContainText('800 户');
      await expect(target.allocation(OTHER_TOWN)).toContainText('700 户');
      await expect(target.allocation(TOWN)).toContainText('尚未报送');
      // Nothing reported: the county is red against the calendar.
      await expect(target.countyPace()).toHaveAttribute('data-done', '0');
      await screenshot(page, 'target');

      // Back on the list, the new target shows its allocation and the difference.
      await page.getByRole('link', { name: /返回/ }).click();
      await expect(targets.row(TARGET)).toContainText('1,500 户');
      await expect(targets.row(TARGET).getByTestId('target-difference')).toHaveText('尚有 500 户未分解');
    });

    test('a leader’s cockpit shows the new target with nothing reported yet', async ({ page }) => {
      // Logging in and reading the whole county's cockpit: slow on a loaded two-core machine.
      test.slow();
      await loginAs(page, 'leader');
      cockpitBefore = await cockpitActual(page, targetId);
      expect(cockpitBefore).not.toContain('700');
    });

    test('the 城关镇 liaison reports a month’s actual on a phone and sees the pace change', async ({ page }) => {
      test.slow();
      await page.setViewportSize({ width: 390, height: 844 });
      await loginAs(page, 'liaison');
      const targets = new TargetsPage(page);
      await targets.goto();
      // The liaison sees the targets allocated to 城关镇: the demo county's and the new one.
      await expect(targets.row(TARGET)).toBeVisible();
      await expect(targets.row(DEMO_TARGET)).toBeVisible();
      expect(await findCutContent(page), 'the list fits a phone').toEqual([]);
      await screenshot(page, 'targets-mobile', { isViewportOnly: true });
      await targets.row(TARGET).getByRole('link', { name: TARGET }).click();
      const target = new TargetPage(page);
      await expect(target.name).toHaveText(TARGET);
      // The liaison reports for 城关镇 only, so the form has it chosen; the month due is offered first.
      await expect(target.report).toContainText(TOWN);
      const town = target.allocation(TOWN);
      await expect(town.getByTestId('pace-bar')).toHaveAttribute('data-done', '0');
      await expect(town.getByRole('img', { name: '红灯' })).toBeVisible();
      expect(await findCutContent(page), 'the target page fits a phone').toEqual([]);
      await screenshot(page, 'target-report-mobile', { isViewportOnly: true });

      const month = dueMonth();
      await target.reportActual({ value: 700, note: '含城区市场新登记个体户' });
      await expect(target.report.getByTestId('report-done')).toContainText(`${TOWN} ${month}月 700 户`);

      // 700 of 800: the township's pace moves from nothing to 87.5 %, and the county's figure is the sum.
      await expect(town.getByTestId('pace-bar')).toHaveAttribute('data-done', '87.5');
      await expect(town.getByTestId('allocation-actual')).toContainText('700 户');
      await expect(target.countyActual()).toHaveText('700');
      await expect(target.countyPace()).toHaveAttribute('data-done', '35');
      await expect(target.monthCell(TOWN, month)).toHaveText('700');
      // The month is on record now: sending it again corrects it.
      await expect(target.report.getByTestId('report-submit')).toHaveText('更正');
      expect(await findCutContent(page), 'still no sideways scrolling').toEqual([]);
      await screenshot(page, 'target-reported-mobile');

      // Why the county is what it is, in words.
      await expect(target.light.getByTestId('target-light-why')).toContainText('完成 700 户');
    });

    test('the leader’s cockpit shows the new figure', async ({ page }) => {
      // Logging in and reading the whole county's cockpit: slow on a loaded two-core machine.
      test.slow();
      await loginAs(page, 'leader');
      const after = await cockpitActual(page, targetId);
      expect(after).toMatch(/^700(\s|$|户)/);
      expect(after).not.toBe(cockpitBefore);
      await screenshot(page, 'targets-cockpit');
    });

    test('an import with a bad row answers the marked workbook and writes nothing; corrected, it imports', async ({
      page,
    }) => {
      test.slow();
      await loginAs(page, 'liaison');
      const targets = new TargetsPage(page);
      await targets.goto();
      await targets.openImport();
      const template = await targets.downloadTemplate();
      expect(template.name).toMatch(/\.xlsx$/);
      const month = dueMonth();
      const before = await townAllocation(targetId);
      expect(before).toEqual({ actual: 700, lastMonth: month });

      // A good correction of our target, and a negative count on the demo target: the whole file is refused.
      const good = { target: TARGET, unit: TOWN, month, value: 760 };
      const bad = { target: DEMO_TARGET, unit: TOWN, month, value: -5 };
      const badRow = await rowOf(template.bytes, DEMO_TARGET, TOWN);
      await targets.upload('城关镇实绩.xlsx', await fillActuals(template.bytes, [good, bad]));
      await expect(targets.dialog.getByText('导入失败：1 行有误，未导入任何数据')).toBeVisible();
      const errors = await targets.importErrors().allInnerTexts();
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^${badRow}\\s+数值`));
      await screenshot(page, 'targets-import-errors', { isViewportOnly: true });

      const marked = await targets.downloadErrorWorkbook();
      expect(marked.name).toMatch(/\.xlsx$/);
      expect(await markedRows(marked.bytes)).toEqual([badRow]);
      expect(await townAllocation(targetId), 'nothing was written').toEqual(before);

      // Without the bad figure (a row left blank is not read), the workbook imports: the correction lands.
      await targets.upload('城关镇实绩（已改正）.xlsx', await fillActuals(template.bytes, [good]));
      await expect(targets.dialog.getByTestId('import-result')).toContainText('已导入 1 条实绩');
      await targets.closeDialog();
      expect(await townAllocation(targetId)).toEqual({ actual: 760, lastMonth: month });
      await expect(targets.row(TARGET).getByTestId('target-actual')).toContainText('760 户');
    });
  });

test.describe('each unit sees its own figures first', () => {
  interface TListed {
    id: string;
    name: string;
    pace: { light: string };
    own: { unit: { name: string }; pace: { light: string } } | null;
  }

  /** A target whose 城关镇 light differs from the county's where the demo has one, else the first with a share. */
  async function townTarget(): Promise<TListed> {
    const { api } = await apiAs('head');
    const items = ((await (await api.get('/api/v1/targets')).json()) as { items: TListed[] }).items;
    await api.dispose();
    const shared = items.filter((t) => t.own?.unit.name === TOWN);
    const target = shared.find((t) => t.own?.pace.light !== t.pace.light) ?? shared[0];
    if (!target) throw new Error(`no target allocated to ${TOWN}`);
    return target;
  }

  const LIGHT_NAMES: Record<string, string> = { green: '绿灯', yellow: '黄灯', red: '红灯' };

  test('the head of 城关镇 reads the township’s share and light first, the county’s after, labelled', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const target = await townTarget();
    await loginAs(page, 'head');
    const targets = new TargetsPage(page);
    await page.goto('/targets');
    await expect(page.getByTestId('targets-own-lead')).toContainText(`先列本单位（${TOWN}）`);
    await expect(targets.row(target.name)).toBeVisible();
    const headers = await page.locator('.ant-table-thead th').allTextContents();
    const at = (name: string) => headers.findIndex((h) => h.includes(name));
    expect(at('本单位任务')).toBeGreaterThan(0);
    expect(at('本单位亮灯')).toBeGreaterThan(at('本单位任务'));
    expect(at('全县目标')).toBeGreaterThan(at('本单位亮灯'));
    expect(at('全县亮灯')).toBeGreaterThan(at('全县目标'));
    const row = targets.row(target.name);
    await expect(row.getByTestId('target-own-light')).toContainText(LIGHT_NAMES[target.own?.pace.light ?? ''] ?? '');
    await expect(row.getByTestId('target-county-light')).toContainText(LIGHT_NAMES[target.pace.light] ?? '');
    await screenshot(page, 'targets-own-first');

    await row.getByRole('link', { name: target.name }).click();
    await expect(page.getByTestId('target-own')).toContainText(`本单位（${TOWN}）分解任务`);
    await expect(page.getByTestId('target-own').getByTestId('target-own-light')).toContainText(
      LIGHT_NAMES[target.own?.pace.light ?? ''] ?? '',
    );
    await expect(page.getByTestId('target-overview')).toContainText('全县目标概况');
    // The township's card comes before the county's.
    const ownBox = await page.getByTestId('target-own').boundingBox();
    const countyBox = await page.getByTestId('target-overview').boundingBox();
    expect((ownBox?.y ?? 0) < (countyBox?.y ?? 0)).toBe(true);
    await screenshot(page, 'target-own-first');
  });

  test('on a phone the liaison’s cards lead with the township’s share too', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const target = await townTarget();
    await loginAs(page, 'liaison');
    const targets = new TargetsPage(page);
    await targets.goto();
    const row = targets.row(target.name);
    await expect(row.getByTestId('target-own-light')).toContainText(LIGHT_NAMES[target.own?.pace.light ?? ''] ?? '');
    await expect(row.getByTestId('target-county-light')).toBeVisible();
    await expect(row).toContainText('全县');
    expect(await findCutContent(page), 'the list fits a phone').toEqual([]);
    await screenshot(page, 'targets-own-first-mobile');
  });
});
