import { XLSX_MIME } from '@duban/domain';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, login, type TClient, useTestApp } from '../../test/harness.ts';
import { withHugeCell } from '../../test/hostile-workbooks.ts';
import { saveWithLibreOffice, saveWithOpenpyxl, type TOfficeValue } from '../../test/office-writers.ts';
import { readCellText } from './task-excel.cells.ts';

const ctx = useTestApp();
let supervisor: TClient;
let listId: string;
let template: Buffer;

const upload = (body: Buffer) =>
  supervisor.request('POST', `/api/v1/task-lists/${listId}/import`, body, { 'content-type': XLSX_MIME });

const row = (title: string, overrides: Record<string, TOfficeValue> = {}): Record<string, TOfficeValue> => ({
  任务名称: title,
  任务来源: '民生实事',
  牵头单位: '城关镇',
  汇报频次: '每周',
  开始日期: { day: '2026-03-01' },
  截止日期: { day: '2026-12-31' },
  节点: '完成设计@2026-05-31',
  ...overrides,
});

/** The tasks of the list by title, with their dates. */
const tasksTitled = (title: string) =>
  ctx.sql<{ title: string; start_date: string; due_date: string }>(
    `select title, start_date::text, due_date::text from tasks where list_id = $1 and title = $2`,
    [listId, title],
  );

/** The template filled by exceljs (as the platform writes workbooks), rows from 2. */
async function filledTemplate(rows: Record<string, TOfficeValue>[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('任务清单') as ExcelJS.Worksheet;
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    columns.set(readCellText(cell.value).replace('*', ''), col);
  });
  rows.forEach((values, i) => {
    for (const [header, value] of Object.entries(values)) {
      const cell = sheet.getRow(2 + i).getCell(columns.get(header) ?? 0);
      cell.value = typeof value === 'object' ? new Date(`${value.day}T00:00:00Z`) : value;
    }
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '各类软件填写的清单', year: 2026 });
  listId = list.json().id;
  const res = await supervisor.request('GET', '/api/v1/task-lists/template.xlsx');
  expect(res.statusCode).toBe(200);
  template = res.rawPayload;
});

describe('workbooks from any real writer import', () => {
  it('the template filled and saved by openpyxl', async () => {
    const file = saveWithOpenpyxl(template, '任务清单', [row('openpyxl 填写的任务')]);
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().imported).toBe(1);
    expect(await tasksTitled('openpyxl 填写的任务')).toEqual([
      { title: 'openpyxl 填写的任务', start_date: '2026-03-01', due_date: '2026-12-31' },
    ]);
  });

  it('the template filled, then saved again by LibreOffice Calc', async () => {
    const file = saveWithLibreOffice(await filledTemplate([row('LibreOffice 另存的任务')]));
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(201);
    expect(await tasksTitled('LibreOffice 另存的任务')).toEqual([
      { title: 'LibreOffice 另存的任务', start_date: '2026-03-01', due_date: '2026-12-31' },
    ]);
  });

  it('a bad row of an openpyxl workbook comes back marked in a workbook, and nothing is written', async () => {
    const before = await auditCount(ctx);
    const file = saveWithOpenpyxl(template, '任务清单', [
      row('openpyxl 正确的行'),
      row('openpyxl 错误的行', { 牵头单位: '不存在的镇' }),
    ]);
    const res = await upload(file);
    expect(res.statusCode).toBe(422);
    const body = res.json() as { rows: { row: number }[]; errorWorkbook: string };
    expect(body.rows.map((r) => r.row)).toEqual([3]);
    const marked = new ExcelJS.Workbook();
    await marked.xlsx.load(Buffer.from(body.errorWorkbook, 'base64') as unknown as ArrayBuffer);
    const sheet = marked.getWorksheet('任务清单') as ExcelJS.Worksheet;
    const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => readCellText(v ?? null));
    const noteColumn = headers.indexOf('错误说明');
    expect(noteColumn).toBeGreaterThan(0);
    expect(readCellText(sheet.getRow(3).getCell(noteColumn).value)).toContain('不存在的镇');
    expect(readCellText(sheet.getRow(2).getCell(noteColumn).value)).toBe('');
    expect(await tasksTitled('openpyxl 正确的行')).toEqual([]);
    expect(await auditCount(ctx)).toBe(before);
  });
});

describe('no upload can stall the server', () => {
  it('a small file whose cell inflates to 64 MB is refused with a short 422, and /health answers meanwhile', async () => {
    const file = await withHugeCell(await filledTemplate([row('巨大单元格')]), 64 * 1024 * 1024);
    expect(file.length).toBeLessThan(1024 * 1024);
    const before = await auditCount(ctx);
    const pending = upload(file);
    const health = await ctx.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
    const res = await pending;
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(res.body.length).toBeLessThan(500);
    expect(res.body).not.toContain('AAAAAAAAAA');
    expect(await auditCount(ctx)).toBe(before);
  });

  it('a cell longer than Excel allows (32,767 characters) is refused without echoing it', async () => {
    const res = await upload(await withHugeCell(await filledTemplate([row('巨大单元格')]), 40_000));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/超过 32767 个字符/);
    expect(res.body.length).toBeLessThan(500);
  });

  it('a long bad value comes back as a short excerpt in the row errors', async () => {
    const res = await upload(await filledTemplate([row('长单位名', { 牵头单位: '镇'.repeat(5_000) })]));
    expect(res.statusCode).toBe(422);
    const message = res.json().rows[0].errors[0].message as string;
    expect(message.length).toBeLessThanOrEqual(160);
    expect(message.endsWith('…')).toBe(true);
  });

  it('four hostile uploads at once are all refused, and the server goes on answering', async () => {
    const file = await withHugeCell(await filledTemplate([row('巨大单元格')]), 64 * 1024 * 1024);
    const answers = await Promise.all([upload(file), upload(file), upload(file), upload(file)]);
    expect(answers.map((a) => a.statusCode)).toEqual([422, 422, 422, 422]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});
