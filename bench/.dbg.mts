import { chromium } from '@playwright/test';

const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await b.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
const p = await ctx.newPage();
const cdp = await ctx.newCDPSession(p);
await cdp.send('Network.enable');
const urls = new Map();
let phase = 'login';
cdp.on('Network.requestWillBeSent', (e) =>
  urls.set(e.requestId, [e.request.url.replace('http://127.0.0.1:18080', ''), e.type]),
);
cdp.on('Network.loadingFinished', (e) => console.log(phase, urls.get(e.requestId)?.join(' '), e.encodedDataLength));
await p.goto('http://127.0.0.1:18080/login');
await p.locator('form#login button[type="submit"]').waitFor();
await p.locator('#login_username').fill('cadre');
await p.locator('#login_password').fill('Duban-demo-2023');
phase = 'today';
await p.locator('form#login button[type="submit"]').click();
await p.getByTestId('today-page').waitFor();
await p.waitForTimeout(1500);
await b.close();
