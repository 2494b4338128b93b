import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFilename, withExtension } from './filename.ts';
import { hasSignatureOf } from './sniff.ts';
import { createFileStore, hashBytes } from './store.ts';

describe('sanitizeFilename', () => {
  it.each([
    ['报告.pdf', '报告.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\张三\\照片.jpg', '照片.jpg'],
    ['a\u0000b\u0007c.png', 'abc.png'],
    ['photo\u202Egnp.exe', 'photognp.exe'],
    ['  many   spaces  .pdf ', 'many spaces .pdf'],
    ['.hidden', 'hidden'],
    ['..', ''],
    ['dir/', ''],
  ])('%j → %j', (raw, clean) => expect(sanitizeFilename(raw)).toBe(clean));

  it('cuts to 200 characters, keeping the extension', () => {
    const name = sanitizeFilename(`${'字'.repeat(250)}.docx`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('字.docx')).toBe(true);
  });
});

describe('withExtension', () => {
  it.each([
    ['a.png', ['png'], 'a.png'],
    ['a.PNG', ['png'], 'a.PNG'],
    ['a.jpeg', ['jpg', 'jpeg'], 'a.jpeg'],
    ['a.html', ['png'], 'a.html.png'],
    ['noext', ['pdf'], 'noext.pdf'],
  ])('%j with %j → %j', (name, exts, out) => expect(withExtension(name, exts)).toBe(out));
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', '验收 "报告".pdf')).toBe(
      `attachment; filename="__ ____.pdf"; filename*=UTF-8''%E9%AA%8C%E6%94%B6%20%22%E6%8A%A5%E5%91%8A%22.pdf`,
    );
    expect(contentDisposition('inline', "it's (1).png")).toBe(
      `inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`,
    );
  });
});

describe('hasSignatureOf', () => {
  const bytes = (...b: (number | string)[]) =>
    Buffer.concat(b.map((x) => (typeof x === 'string' ? Buffer.from(x, 'latin1') : Buffer.from([x]))));
  it.each([
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0), true],
    ['image/png', bytes(0x89, 'PNG\r\n\x1a\n'), true],
    ['image/png', bytes('<html>'), false],
    ['image/gif', bytes('GIF89a'), true],
    ['image/gif', bytes('GIF8'), false],
    ['image/webp', bytes('RIFF\0\0\0\0WEBPVP8 '), true],
    ['image/webp', bytes('RIFF\0\0\0\0WAVEfmt '), false],
    ['application/pdf', bytes('%PDF-1.4'), true],
    ['application/msword', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), true],
    ['application/vnd.ms-excel', bytes('PK\x03\x04'), false],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes('PK\x03\x04'), true],
    ['text/html', bytes('<html>'), false],
    ['image/jpeg', bytes(0xff, 0xd8), false],
  ])('%s %#', (mime, b, ok) => expect(hasSignatureOf(mime, b)).toBe(ok));
});

describe('createFileStore', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores content once under its hash, leaves no temp file, and reads it back', async () => {
    const store = createFileStore(dir);
    const bytes = Buffer.from('%PDF-1.7 evidence');
    const sha256 = hashBytes(bytes);
    expect(await store.put(bytes)).toEqual({ sha256, size: bytes.length });
    expect(await store.put(Buffer.from(bytes))).toEqual({ sha256, size: bytes.length });
    expect(readdirSync(path.join(dir, 'files', sha256.slice(0, 2)))).toEqual([sha256]);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.open(sha256)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
    await expect(store.open('0'.repeat(64))).rejects.toThrow();
    await expect(store.open('../../etc/passwd')).rejects.toThrow('not a SHA-256');
  });
});
