import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { toast } from './pages/antd.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { NotificationsPage } from './pages/notifications-page.ts';

interface THit {
  path: string;
  problems: string[];
  title: string;
}

/**
 * A local DingTalk robot: checks each request against the published format (markdown msgtype; 加签 with
 * sign = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret)))), answering as DingTalk does:
 * {"errcode":0,"errmsg":"ok"}, or {"errcode":310000,"errmsg":"sign not match"}.
 * See https://open.dingtalk.com/document/robots/customize-robot-security-settings.
 */
async function startDingtalkRobot(secret: string): Promise<{ origin: string; hits: THit[]; server: Server }> {
  const hits: THit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://robot');
      const problems: string[] = [];
      let title = '';
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          msgtype?: string;
          markdown?: { title?: string; text?: string };
        };
        if (body.msgtype !== 'markdown') problems.push('msgtype');
        if (!body.markdown?.title || !body.markdown.text) problems.push('markdown');
        title = body.markdown?.title ?? '';
      } catch {
        problems.push('json');
      }
      const timestamp = url.searchParams.get('timestamp') ?? '';
      const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
      if (url.searchParams.get('sign') !== expected) problems.push('sign');
      hits.push({ path: url.pathname, problems, title });
      const answer = problems.includes('sign')
        ? { errcode: 310000, errmsg: 'sign not match' }
        : problems.length
          ? { errcode: 1, errmsg: problems.join(',') }
          : { errcode: 0, errmsg: 'ok' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

test('a supervisor adds DingTalk robots, sends tests, and sees the success, the robot’s refusal and the deliveries', async ({
  page,
}) => {
  const robot = await startDingtalkRobot('SECe2e-right-secret-0001');
  try {
    const login = new LoginPage(page);
    await login.goto();
    await login.loginAndWait('supervisor', DEMO_PASSWORD);
    await page.getByTestId('nav').getByRole('menuitem', { name: '消息推送' }).click();
    const notifications = new NotificationsPage(page);
    await expect(notifications.channels).toBeVisible();
    await expect(page.getByRole('heading', { name: '消息推送' })).toBeVisible();

    // A county-wide DingTalk robot, signed (加签).
    await notifications.fillRobot({
      name: '督查室钉钉工作群',
      kind: '钉钉',
      url: `${robot.origin}/robot/send?access_token=e2e-token-0001`,
      secret: 'SECe2e-right-secret-0001',
    });
    await screenshot(page, 'notifications-channel-form', { isViewportOnly: true });
    await notifications.save();
    await expect(toast(page, '推送渠道已创建')).toBeVisible();
    const good = notifications.row('督查室钉钉工作群');
    await expect(good).toContainText('钉钉');
    await expect(good).toContainText('全县');
    await expect(good).toContainText('已加签');
    await expect(good).toContainText('催办');

    await notifications.sendTest('督查室钉钉工作群');
    await expect(toast(page, '测试消息已发送到“督查室钉钉工作群”')).toBeVisible();
    expect(robot.hits).toHaveLength(1);
    expect(robot.hits[0]).toEqual({ path: '/robot/send', problems: [], title: '督办平台测试消息' });

    // A second robot whose secret is wrong: DingTalk refuses the signature, and the page says so in its words.
    await notifications.fillRobot({
      name: '城关镇钉钉群（密钥错误）',
      kind: '钉钉',
      unit: '城关镇',
      url: `${robot.origin}/robot/send?access_token=e2e-token-0002`,
      secret: 'SECe2e-wrong-secret',
    });
    await notifications.save();
    await expect(notifications.row('城关镇钉钉群（密钥错误）')).toContainText('城关镇');
    await notifications.sendTest('城关镇钉钉群（密钥错误）');
    const failure = page.locator('.ant-modal-confirm');
    await expect(failure).toContainText('测试消息未能发送到“城关镇钉钉群（密钥错误）”');
    await expect(failure.getByTestId('test-error')).toHaveText('errcode 310000: sign not match');
    await screenshot(page, 'notifications-test-failed', { isViewportOnly: true });
    await failure.getByRole('button', { name: '关闭' }).click();
    await expect(failure).toBeHidden();
    await screenshot(page, 'notifications-channels');

    // The deliveries log: one sent, one failed with the robot's error; the filter keeps the failed one.
    await notifications.openDeliveries();
    await expect(notifications.delivery('督查室钉钉工作群')).toContainText('已发送');
    const failed = notifications.delivery('城关镇钉钉群（密钥错误）');
    await expect(failed).toContainText('失败');
    await expect(failed).toContainText('errcode 310000: sign not match');
    await expect(failed).toContainText('access_token=e2e-***');
    await screenshot(page, 'notifications-deliveries');
    await page.getByTestId('deliveries-state').getByText('失败', { exact: true }).click();
    await expect(page).toHaveURL(/tab=deliveries&state=failed/);
    await expect(notifications.deliveries.locator('.ant-table-row')).toHaveCount(1);
    await expect(notifications.deliveries.locator('.ant-table-row')).toContainText('城关镇钉钉群（密钥错误）');

    // On a phone the page folds: the tables scroll inside their cards, the page itself does not overflow.
    await page.setViewportSize({ width: 390, height: 844 });
    await notifications.goto();
    await expect(notifications.row('督查室钉钉工作群')).toBeVisible();
    expect(await findCutContent(page), 'nothing cut off on the page').toEqual([]);
    await screenshot(page, 'notifications-mobile');
  } finally {
    await new Promise((resolve) => robot.server.close(resolve));
  }
});
