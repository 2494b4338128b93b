import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ATTACHMENT_MAX_BYTES } from '@duban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let supervisor: TClient;
let head: TClient;
let cadre: TClient;
let cadre2: TClient;
let taskId: string;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR photo')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');

const upload = (client: TClient, id: string, bytes: Buffer, type: string, filename?: string) =>
  client.request(
    'POST',
    `/api/v1/tasks/${id}/attachments${filename === undefined ? '' : `?filename=${encodeURIComponent(filename)}`}`,
    bytes,
    { 'content-type': type },
  );

/** Every file in the store (to check that a refused upload stored nothing). */
const storedFiles = () => {
  const root = path.join(ctx.dataDir, 'files');
  return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
};
const attachmentCount = async () =>
  (await ctx.sql<{ n: number }>('select count(*)::int as n from attachments'))[0]?.n ?? 0;

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  cadre2 = await login(ctx.app, 'cadre2');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '2026 年佐证材料测试清单', year: 2026 });
  const task = await supervisor.request('POST', `/api/v1/task-lists/${list.json().id}/tasks`, {
    title: '城关镇农贸市场改造',
    leadUnitId: await unitId(ctx, '城关镇'),
    ownerId: cadre.userId,
    startDate: '2026-03-01',
    dueDate: '2026-12-31',
  });
  expect(task.statusCode, task.body).toBe(201);
  taskId = task.json().id;
  await supervisor.request('POST', `/api/v1/task-lists/${list.json().id}/assign`, {});
  expect((await head.request('POST', `/api/v1/tasks/${taskId}/acknowledge`)).statusCode).toBe(200);
});

describe('uploading evidence', () => {
  it('stores the file by content hash, records it on the task and in the audit log', async () => {
    const before = await auditCount(ctx);
    const res = await upload(cadre, taskId, PNG, 'image/png', '现场照片.png');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      taskId,
      filename: '现场照片.png',
      mime: 'image/png',
      size: PNG.length,
      isImage: true,
      uploadedBy: cadre.userId,
      url: `/api/v1/attachments/${body.id}/content`,
    });
    const file = path.join(ctx.dataDir, 'files', body.sha256.slice(0, 2), body.sha256);
    expect(readFileSync(file)).toEqual(PNG);
    expect(await auditCount(ctx)).toBe(before + 1);
    const task = (await cadre.request('GET', `/api/v1/tasks/${taskId}`)).json();
    expect(task.events[0]).toMatchObject({ action: 'attach', reason: '现场照片.png' });
  });

  it('keeps the same content once, and lists the task’s files newest first', async () => {
    const files = storedFiles().length;
    const again = await upload(head, taskId, PNG, 'image/png', '同一张照片.png');
    expect(again.statusCode).toBe(201);
    const pdf = await upload(head, taskId, PDF, 'application/pdf', '验收报告.pdf');
    expect(pdf.statusCode).toBe(201);
    expect(storedFiles()).toHaveLength(files + 1);
    const list = (await cadre.request('GET', `/api/v1/tasks/${taskId}/attachments`)).json();
    expect(list.items.map((a: { filename: string }) => a.filename)).toEqual([
      '验收报告.pdf',
      '同一张照片.png',
      '现场照片.png',
    ]);
    expect(list.items[0]).toMatchObject({ isImage: false, mime: 'application/pdf' });
  });

  it('cleans the file name: no directories, no control or bidi characters, its type’s extension, 200 characters', async () => {
    const sneaky = await upload(cadre, taskId, PNG, 'image/png', '../../etc/\u0007evil\u202Egnp.exe');
    expect(sneaky.json().filename).toBe('evilgnp.exe.png');
    const long = await upload(cadre, taskId, PNG, 'image/png', `${'长'.repeat(300)}.png`);
    expect([...long.json().filename]).toHaveLength(200);
    expect(long.json().filename.endsWith('.png')).toBe(true);
  });

  it('refuses bad input naming the field, storing and writing nothing', async () => {
    const [audits, rows, files] = [await auditCount(ctx), await attachmentCount(), storedFiles().length];
    const cases: [Buffer, string, string | undefined, number, string, string][] = [
      [HTML, 'image/png', 'photo.png', 415, 'UNSUPPORTED_TYPE', 'file'],
      [HTML, 'text/html', 'page.html', 415, 'UNSUPPORTED_TYPE', 'file'],
      [PNG, 'image/svg+xml', 'logo.svg', 415, 'UNSUPPORTED_TYPE', 'file'],
      [PDF, 'image/jpeg', 'scan.jpg', 415, 'UNSUPPORTED_TYPE', 'file'],
      [Buffer.from('{"a":1}'), 'application/json', 'data.json', 415, 'UNSUPPORTED_TYPE', 'file'],
      [Buffer.alloc(0), 'image/png', 'empty.png', 400, 'VALIDATION_FAILED', 'file'],
      [PNG, 'image/png', undefined, 400, 'VALIDATION_FAILED', 'filename'],
      [PNG, 'image/png', '../..//', 400, 'VALIDATION_FAILED', 'filename'],
    ];
    for (const [bytes, type, name, status, code, field] of cases) {
      const res = await upload(cadre, taskId, bytes, type, name);
      expect([res.statusCode, errorOf(res).code, errorOf(res).field], `${type} ${name}`).toEqual([status, code, field]);
    }
    expect([await auditCount(ctx), await attachmentCount(), storedFiles().length]).toEqual([audits, rows, files]);
  });

  it('refuses a file over the limit with 413 PAYLOAD_TOO_LARGE, and a body far over it too', async () => {
    const audits = await auditCount(ctx);
    const over = Buffer.concat([PNG, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PNG.length)]);
    const res = await upload(cadre, taskId, over, 'image/png', 'big.png');
    expect([res.statusCode, errorOf(res).code, errorOf(res).field]).toEqual([413, 'PAYLOAD_TOO_LARGE', 'file']);
    const huge = await upload(cadre, taskId, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1024 * 1024), 'image/png', 'x.png');
    expect([huge.statusCode, errorOf(huge).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await auditCount(ctx)).toBe(audits);
  });

  it('hides the task from other units (404) and writes nothing', async () => {
    const audits = await auditCount(ctx);
    expect((await upload(cadre2, taskId, PNG, 'image/png', 'x.png')).statusCode).toBe(404);
    expect((await cadre2.request('GET', `/api/v1/tasks/${taskId}/attachments`)).statusCode).toBe(404);
    const missing = await upload(cadre, '00000000-0000-4000-8000-000000000000', PNG, 'image/png', 'x.png');
    expect(missing.statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(audits);
  });
});

describe('downloading evidence', () => {
  let image: { id: string; url: string };
  let pdf: { id: string; url: string };
  beforeAll(async () => {
    const items = (await cadre.request('GET', `/api/v1/tasks/${taskId}/attachments`)).json().items as {
      id: string;
      url: string;
      mime: string;
      filename: string;
    }[];
    image = items.find((a) => a.filename === '现场照片.png') ?? (items[0] as (typeof items)[number]);
    pdf = items.find((a) => a.mime === 'application/pdf') ?? (items[0] as (typeof items)[number]);
  });

  it('serves an image inline with its type, never sniffed, sandboxed, kept by no cache', async () => {
    const res = await head.request('GET', image.url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(PNG);
    expect(res.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
      'content-disposition': `inline; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
    });
  });

  it('serves anything else as a download', async () => {
    const res = await cadre.request('GET', pdf.url);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(PDF);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[ -~]+"; filename\*=UTF-8''/);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });

  it('is not found for someone who cannot see the task, or for an unknown id', async () => {
    const res = await cadre2.request('GET', image.url);
    expect([res.statusCode, errorOf(res).code]).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(res).message).not.toContain('task');
    expect(
      (await cadre.request('GET', '/api/v1/attachments/00000000-0000-4000-8000-000000000000/content')).statusCode,
    ).toBe(404);
  });
});

describe('closure evidence', () => {
  it('accepts only the task’s own attachments, naming the index, and records them', async () => {
    const other = await supervisor.request('POST', '/api/v1/task-lists', { name: '另一清单', year: 2026 });
    const otherTask = await supervisor.request('POST', `/api/v1/task-lists/${other.json().id}/tasks`, {
      title: '另一任务',
      leadUnitId: await unitId(ctx, '城关镇'),
      startDate: '2026-03-01',
      dueDate: '2026-12-31',
    });
    const foreign = await upload(supervisor, otherTask.json().id, PDF, 'application/pdf', '别的任务.pdf');
    expect(foreign.statusCode).toBe(201);
    const own = (await cadre.request('GET', `/api/v1/tasks/${taskId}/attachments`)).json().items[0].id;
    const audits = await auditCount(ctx);
    const bad = await cadre.request('POST', `/api/v1/tasks/${taskId}/request-close`, {
      summary: '改造完成',
      attachmentIds: [own, foreign.json().id],
    });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([422, 'attachmentIds.1']);
    expect((await cadre.request('GET', `/api/v1/tasks/${taskId}`)).json().state).toBe('acknowledged');
    expect(await auditCount(ctx)).toBe(audits);

    const ok = await cadre.request('POST', `/api/v1/tasks/${taskId}/request-close`, {
      summary: '改造完成',
      attachmentIds: [own],
    });
    expect(ok.json().state, ok.body).toBe('closeRequested');
    const [entry] = await ctx.sql<{ after: { attachmentIds: string[] } }>(
      `select after from audit_log where action = 'task.requestClose' and target_id = $1`,
      [taskId],
    );
    expect(entry?.after.attachmentIds).toEqual([own]);
  });

  it('takes no more evidence once the task is closed (409)', async () => {
    expect((await supervisor.request('POST', `/api/v1/tasks/${taskId}/close`)).json().state).toBe('closed');
    const res = await upload(cadre, taskId, PNG, 'image/png', 'late.png');
    expect([res.statusCode, errorOf(res).field]).toEqual([409, 'state']);
  });
});
