import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from './test/harness.ts';

// A built web client as `vite build` writes it: hashed files under assets/ with their brotli and gzip copies.
const webDist = mkdtempSync(path.join(os.tmpdir(), 'duban-web-'));
const script = `console.log(${JSON.stringify('督办'.repeat(2000))});\n`;
const html = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head></html>';
mkdirSync(path.join(webDist, 'assets'));
writeFileSync(path.join(webDist, 'index.html'), html);
writeFileSync(path.join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
for (const [name, body] of [['assets/index-Ab12Cd34.js', script]] as const) {
  writeFileSync(path.join(webDist, name), body);
  writeFileSync(path.join(webDist, `${name}.br`), brotliCompressSync(body));
  writeFileSync(path.join(webDist, `${name}.gz`), gzipSync(body));
}
afterAll(() => rmSync(webDist, { recursive: true, force: true }));

const ctx = useTestApp({}, { webDist });

describe('the web client', () => {
  it('sends a hashed file compressed as the browser accepts, cached for a year', async () => {
    const get = (encoding?: string) =>
      ctx.app.inject({
        method: 'GET',
        url: '/assets/index-Ab12Cd34.js',
        headers: encoding ? { 'accept-encoding': encoding } : {},
      });
    const brotli = await get('gzip, deflate, br');
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(brotli.rawPayload).toString()).toBe(script);
    expect(brotli.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 10);
    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('has index.html and the other unhashed files revalidated on every load', async () => {
    for (const url of ['/', '/tasks?mine=1', '/favicon.svg']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/today' })).body).toBe(html);
  });

  it('answers 404 for a hashed file that does not exist, not the page', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/assets/index-Zz99Zz99.js' });
    expect(res.statusCode).toBe(404);
  });
});
