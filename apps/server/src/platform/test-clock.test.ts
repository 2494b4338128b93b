import { describe, expect, it } from 'vitest';
import { login, useTestApp } from '../test/harness.ts';
import { now, setClock } from './clock.ts';
import { loadConfig } from './config.ts';

const plain = useTestApp();
const testing = useTestApp({ DUBAN_TEST_CLOCK: '1' });

describe('the test clock', () => {
  it('does not exist on an ordinary server, and is refused in production', async () => {
    const admin = await login(plain.app, 'admin');
    expect((await admin.request('PUT', '/api/v1/test/clock', { at: null })).statusCode).toBe(404);
    expect(() => loadConfig({ DUBAN_TEST_CLOCK: '1', NODE_ENV: 'production' })).toThrow(/production/);
  });

  it('moves the platform clock on a test server, and back', async () => {
    const admin = await login(testing.app, 'admin');
    try {
      const res = await admin.request('PUT', '/api/v1/test/clock', { at: '2030-01-02T03:04:05+08:00' });
      expect(res.statusCode, res.body).toBe(200);
      expect(Math.abs(now().getTime() - Date.parse('2030-01-02T03:04:05+08:00'))).toBeLessThan(5_000);
      const bad = await admin.request('PUT', '/api/v1/test/clock', { at: 'tomorrow' });
      expect(bad.statusCode).toBe(400);
    } finally {
      setClock(null);
    }
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000);
  });
});
