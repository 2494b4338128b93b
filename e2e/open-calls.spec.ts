import { DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { InboxBell } from './pages/inbox.ts';
import { LoginPage } from './pages/login-page.ts';
import { OpenCallsPage } from './pages/open-calls-page.ts';

const TASK = '建设县第二人民医院';

test.describe
  .serial('an open call (揭榜挂帅) from publication to award', () => {
    let callId = '';

    test('a leader publishes a task as an open call', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('leader', DEMO_PASSWORD);
      const calls = new OpenCallsPage(page);
      await calls.goto();
      await expect(calls.table.locator('.ant-table-row').first()).toBeVisible();
      await screenshot(page, 'open-calls');
      await calls.publish(
        TASK,
        '面向全县征集医院建设攻坚方案：三个月内完成主体封顶，明确资金、用地和施工组织安排。',
        () => screenshot(page, 'open-call-publish', { isViewportOnly: true }),
      );
      await expect(page).toHaveURL(/\/open-calls\/[0-9a-f-]{36}$/);
      callId = page.url().split('/').pop() ?? '';
      await expect(calls.state).toHaveText('揭榜中');
      await expect(page.getByTestId('deadline-countdown')).toBeVisible();
    });

    test('two people of different units bid with a plan and a pledge', async ({ page }) => {
      const bids = [
        {
          user: 'head',
          plan: '城关镇牵头协调征地拆迁，组建专班，倒排工期。',
          pledge: '三个月内完成主体封顶，否则自愿问责。',
        },
        {
          user: 'bm06-01',
          plan: '发改局统筹资金与审批，实行并联审批、容缺受理。',
          pledge: '审批时限压缩一半，资金按期到位。',
        },
      ];
      for (const bid of bids) {
        await page.context().clearCookies();
        const login = new LoginPage(page);
        await login.goto();
        await login.loginAndWait(bid.user, DEMO_PASSWORD);
        const calls = new OpenCallsPage(page);
        await calls.open(callId);
        await calls.bid(bid.plan, bid.pledge, async () => {
          if (bid.user === 'head') await screenshot(page, 'open-call-bid', { isViewportOnly: true });
        });
        await expect(calls.bids).toHaveCount(1);
        await expect(calls.bids.first()).toContainText(bid.pledge);
        await expect(page.getByTestId('call-bid')).toHaveCount(0);
      }
      await screenshot(page, 'open-call-own-bid');
    });

    test('the leader sees both bids and awards the call', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('leader', DEMO_PASSWORD);
      const calls = new OpenCallsPage(page);
      await calls.open(callId);
      await expect(calls.bids).toHaveCount(2);
      await expect(page.getByTestId('open-call-summary')).toContainText('2 个方案');
      await screenshot(page, 'open-call-bids');
      const winner =
        (await calls.bids.filter({ hasText: '县发展和改革局' }).getByTestId('bidder-name').textContent()) ?? '';
      await calls.award(winner);
      await expect(calls.bidOf(winner)).toContainText('中榜');
      await expect(calls.bids.getByRole('button', { name: '定榜' })).toHaveCount(0);
      await screenshot(page, 'open-call-awarded');

      // The winner's pledge became the task's charter.
      await page.getByRole('button', { name: '查看任务' }).click();
      await expect(page.getByTestId('task-charter')).toContainText('审批时限压缩一半，资金按期到位。');
    });

    test('the bidder who lost finds the outcome in the inbox and opens the call from it', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      const bell = new InboxBell(page);
      await bell.open();
      const message = bell.item(TASK);
      await expect(message).toContainText('揭榜已定榜，您的方案未中榜');
      await message.getByRole('link', { name: TASK }).click();
      await expect(page).toHaveURL(new RegExp(`/open-calls/${callId}$`));
      const calls = new OpenCallsPage(page);
      await expect(calls.state).toHaveText('已定榜');
      await expect(calls.bids).toHaveCount(1);
      await expect(calls.bids.first()).not.toContainText('中榜');
    });
  });
