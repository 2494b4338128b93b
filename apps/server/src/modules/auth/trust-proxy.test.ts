import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { DEMO_PASSWORD } from '../org/demo-county.ts';

const ctx = useTestApp({ TRUST_PROXY: '1' });

const tryLogin = (password: string, forwardedFor: string) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'zh05-05', password },
    headers: { 'x-forwarded-for': forwardedFor },
  });

describe('login lockout behind a reverse proxy (TRUST_PROXY=1)', () => {
  it('counts failures by the address in X-Forwarded-For', async () => {
    for (let i = 0; i < 5; i++) await tryLogin('Wrong-password-1', '203.0.113.7');
    expect((await tryLogin(DEMO_PASSWORD, '203.0.113.7')).statusCode).toBe(423);
    expect((await tryLogin(DEMO_PASSWORD, '203.0.113.8')).statusCode).toBe(200);
  });
});
