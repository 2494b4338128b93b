import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readZipEntries, ZipRefusal } from './zip.ts';

const LIMITS = { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };

async function zipOf(files: Record<string, string | Buffer>, compression: 'STORE' | 'DEFLATE' = 'DEFLATE') {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression });
}

/** Sets every central-directory entry's declared size to `size`: an archive that lies about its content. */
function lieAboutSizes(file: Buffer, size: number): Buffer {
  const copy = Buffer.from(file);
  for (let at = 0; at + 4 <= copy.length; at++) {
    if (copy.readUInt32LE(at) === 0x02014b50) copy.writeUInt32LE(size, at + 24);
  }
  return copy;
}

describe('readZipEntries', () => {
  it('reads stored and deflated entries', async () => {
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const entries = readZipEntries(await zipOf({ 'a.xml': '<a/>', 'b/c.xml': '中文' }, compression), LIMITS);
      expect([...entries].map(([name, content]) => [name, content.toString('utf8')])).toEqual([
        ['a.xml', '<a/>'],
        ['b/c.xml', '中文'],
      ]);
    }
  });

  it('refuses an entry that inflates past the ceiling, even when the archive declares it small', async () => {
    const bomb = await zipOf({ 'xl/sharedStrings.xml': Buffer.alloc(8 * 1024 * 1024, 65) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => readZipEntries(bomb, LIMITS)).toThrow(/too large/);
    expect(() => readZipEntries(lieAboutSizes(bomb, 100), LIMITS)).toThrow(/too large/);
  });

  it('refuses too many entries, too much in total, and what is no zip', async () => {
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.xml`, 'x']));
    expect(() => readZipEntries(Buffer.alloc(0), LIMITS)).toThrow(ZipRefusal);
    expect(() => readZipEntries(Buffer.from('not a zip at all, just text'), LIMITS)).toThrow(/not a zip/);
    expect(() => readZipEntries(Buffer.alloc(0), LIMITS)).toThrow(ZipRefusal);
    await expect(zipOf(many).then((z) => readZipEntries(z, LIMITS))).rejects.toThrow(/entries/);
    const big = Buffer.alloc(900 * 1024, 66);
    await expect(zipOf({ a: big, b: big, c: big }).then((z) => readZipEntries(z, LIMITS))).rejects.toThrow(/too large/);
  });
});
