import { readdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore } from '../../platform/files/store.ts';
import { login, unitId, useTestApp } from '../../test/harness.ts';
import { sweepOrphanFiles } from './orphan-files.ts';

const ctx = useTestApp();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR kept')]);

describe('the orphan file sweep', () => {
  it('removes stored files no attachment names once they are an hour old, and keeps the rest', async () => {
    const supervisor = await login(ctx.app, 'supervisor');
    const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '文件清理', year: 2026 });
    const task = await supervisor.request('POST', `/api/v1/task-lists/${list.json().id}/tasks`, {
      title: '文件清理测试',
      leadUnitId: await unitId(ctx, '城关镇'),
      startDate: '2026-01-01',
      dueDate: '2026-12-31',
    });
    const taskId = task.json().id as string;
    const kept = await supervisor.request('POST', `/api/v1/tasks/${taskId}/attachments?filename=kept.png`, PNG, {
      'content-type': 'image/png',
    });
    expect(kept.statusCode, kept.body).toBe(201);
    const store = createFileStore(ctx.dataDir);
    const orphan = await store.put(Buffer.from('bytes of an upload whose transaction rolled back'));
    const young = await store.put(Buffer.from('bytes of an upload still in its transaction'));
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    for (const sha of [kept.json().sha256, orphan.sha256]) {
      await utimes(path.join(ctx.dataDir, 'files', sha.slice(0, 2), sha), hoursAgo, hoursAgo);
    }
    expect(await sweepOrphanFiles(ctx.database.db, store)).toBe(1);
    const left = (await store.list()).map((f) => f.sha256).sort();
    expect(left).toEqual([kept.json().sha256, young.sha256].sort());
    expect((await supervisor.request('GET', `/api/v1/attachments/${kept.json().id}/content`)).statusCode).toBe(200);
    expect(await readdir(path.join(ctx.dataDir, 'files', orphan.sha256.slice(0, 2)))).not.toContain(orphan.sha256);
  });

  it('gives a file stored again a new time, so an upload reusing an old orphan keeps it', async () => {
    const store = createFileStore(ctx.dataDir);
    const bytes = Buffer.from('the same bytes uploaded twice');
    const first = await store.put(bytes);
    const file = path.join(ctx.dataDir, 'files', first.sha256.slice(0, 2), first.sha256);
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(file, hoursAgo, hoursAgo);
    await store.put(bytes);
    expect(await sweepOrphanFiles(ctx.database.db, store)).toBe(0);
  });
});
