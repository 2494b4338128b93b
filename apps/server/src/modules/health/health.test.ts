import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();

describe('GET /api/v1/health', () => {
  it('reports the database reachable, the version and the migrations applied, without logging in', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', database: true });
    expect(body.migrations.applied).toBeGreaterThanOrEqual(2);
    expect(body.migrations.latest).toMatch(/^\d{4}_/);
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('API description', () => {
  it('serves OpenAPI 3 with every route of the API', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/units',
      '/api/v1/users/{id}/grants',
      '/api/v1/tokens',
      '/api/v1/audit/verify',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/auth/login'].post.summary).toBeTruthy();
  });

  it('serves the interactive docs', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/nowhere' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('security headers', () => {
  it('sets a content security policy that does not force HTTPS on plain-HTTP intranet deployments', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
