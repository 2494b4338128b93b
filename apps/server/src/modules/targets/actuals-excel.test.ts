import { latestReportableMonth, localDay, monthsGone, XLSX_MIME } from '@duban/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, useTestApp } from '../../test/harness.ts';
import { withHugeCell } from '../../test/hostile-workbooks.ts';
import { saveWithLibreOffice, saveWithOpenpyxl } from '../../test/office-writers.ts';
import { readCellText } from '../tasks/task-excel.cells.ts';
import { ACTUALS_COLUMNS } from './actuals-excel.columns.ts';
import { seedDemoTargets } from './demo-targets.ts';

const ctx = useTestApp();
const HEADERS = ACTUALS_COLUMNS.map((c) => c.header);
const today = localDay(new Date());
const year = Number(today.slice(0, 4));
/** The latest month that may be reported today, and the month the template pre-sets. */
const latest = latestReportableMonth(year, today);
const dueMonth = Math.max(1, monthsGone(year, today));

let liaison: TClient;
let stats: TClient;
let supervisor: TClient;

type TRow = Record<string, ExcelJS.CellValue>;

/** A workbook with the given rows (keyed by header) under the given headers. */
async function workbookOf(rows: TRow[], headers: string[] = ['目标', '单位', '月份', '数值', '备注']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('实绩');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readWorkbook(data: Buffer | string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((typeof data === 'string' ? Buffer.from(data, 'base64') : data) as unknown as ArrayBuffer);
  return workbook;
}

const sheetTexts = (sheet: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => readCellText(v ?? null)));
  });
  return rows;
};

const template = (client: TClient, query = '') =>
  client.request('GET', `/api/v1/targets/actuals/template.xlsx${query}`);
const upload = (client: TClient, body: Buffer, query = '', type = XLSX_MIME) =>
  client.request('POST', `/api/v1/targets/actuals/import${query}`, body, { 'content-type': type });

const rowErrors = (res: LightMyRequestResponse) =>
  (res.json() as { rows: { row: number; errors: { column: string; message: string }[] }[] }).rows;

/** Every actual on record, as one comparable string. */
const snapshot = async () =>
  JSON.stringify(await ctx.sql('select target_id, unit_id, month, value, note from target_actuals order by 1, 2, 3'));

/** A unit's figure of a demo target for a month, or null. */
const figureOf = async (target: string, unit: string, month: number) =>
  (
    await ctx.sql<{ value: number }>(
      `select x.value::float as value from target_actuals x join targets t on t.id = x.target_id
       join units u on u.id = x.unit_id where t.name = $1 and t.year = $2 and u.name = $3 and x.month = $4`,
      [target, year, unit, month],
    )
  )[0]?.value ?? null;

beforeAll(async () => {
  await ctx.database.db.transaction((tx) => seedDemoTargets(tx, new Date()));
  liaison = await login(ctx.app, 'liaison');
  stats = await login(ctx.app, 'bm27-02');
  supervisor = await login(ctx.app, 'supervisor');
});

describe('the actuals template', () => {
  it("has the Chinese headers, one row per unit's target, hidden ids and drop-downs, and a sheet of rules", async () => {
    const res = await template(liaison);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="target-actuals-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`实绩填报-${year}.xlsx`)}`,
    );
    const workbook = await readWorkbook(res.rawPayload);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['实绩', 'visible'],
      ['选项', 'hidden'],
      ['说明', 'visible'],
    ]);
    const sheet = workbook.getWorksheet('实绩') as ExcelJS.Worksheet;
    const [header, ...rows] = sheetTexts(sheet);
    expect(header).toEqual(HEADERS);
    expect(HEADERS.slice(0, 6)).toEqual(['目标', '单位', '月份', '数值', '计量单位', '备注']);
    expect(sheet.getColumn(HEADERS.indexOf('目标编号') + 1).hidden).toBe(true);
    expect(sheet.getColumn(HEADERS.indexOf('单位编号') + 1).hidden).toBe(true);
    expect(sheet.getColumn(1).hidden).toBe(false);
    // 城关镇 has a share of each of the seven targets; its liaison reports none of the county's own figures.
    expect(rows).toHaveLength(7);
    const col = (name: string) => HEADERS.indexOf(name);
    expect(new Set(rows.map((r) => r[col('单位')]))).toEqual(new Set(['城关镇']));
    expect(rows.map((r) => r[col('目标')])).toEqual(expect.arrayContaining(['新增市场主体', '生产安全事故起数']));
    expect(rows.map((r) => [r[col('月份')], r[col('数值')] ?? ''])).toEqual(rows.map(() => [String(dueMonth), '']));
    const market = rows.find((r) => r[col('目标')] === '新增市场主体');
    expect(market?.[col('计量单位')]).toBe('户');
    expect(market?.[col('填报口径')]).toBe('1–N月累计');
    expect(market?.[col('年度目标')]).toBe('1500');
    expect(market?.[col('单位编号')]).toBe(await unitId(ctx, '城关镇'));

    const validations = (
      sheet as ExcelJS.Worksheet & { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    const letterOf = (h: string) => sheet.getColumn(HEADERS.indexOf(h) + 1).letter;
    expect(validations[`${letterOf('目标')}2`]).toMatchObject({ type: 'list', formulae: ["'选项'!$A$2:$A$8"] });
    expect(validations[`${letterOf('单位')}2`]).toMatchObject({ type: 'list', formulae: ["'选项'!$B$2:$B$2"] });
    expect(validations[`${letterOf('月份')}2`]).toMatchObject({
      type: 'list',
      formulae: ['"1,2,3,4,5,6,7,8,9,10,11,12"'],
    });
    expect(validations[`${letterOf('数值')}2`]).toBeUndefined();
    const options = sheetTexts(workbook.getWorksheet('选项') as ExcelJS.Worksheet);
    expect(options[0]).toEqual(['目标', '单位']);
    const guide = sheetTexts(workbook.getWorksheet('说明') as ExcelJS.Worksheet)
      .flat()
      .join('\n');
    expect(guide).toContain('“数值”为空的行不导入');
    expect(guide).toContain('错误说明');
  });

  it("gives the statistics bureau every unit of the targets it reports, and the county's own row first", async () => {
    const workbook = await readWorkbook((await template(stats)).rawPayload);
    const [, ...rows] = sheetTexts(workbook.getWorksheet('实绩') as ExcelJS.Worksheet);
    // 新增市场主体 17 + 进规纳限企业 12 + 完成固定资产投资 14 + 社会消费品零售总额 16, each with the county row.
    expect(rows).toHaveLength(17 + 12 + 14 + 16 + 4);
    const market = rows.filter((r) => r[0] === '新增市场主体');
    expect(market[0]?.[1]).toBe('示范县');
    expect(market.slice(1).map((r) => r[1])).toContain('金鸡乡');
    expect(rows.some((r) => r[0] === '招商引资签约项目')).toBe(false);
    const units = sheetTexts(workbook.getWorksheet('选项') as ExcelJS.Worksheet).map((r) => r[1]);
    expect(units).toEqual(expect.arrayContaining(['示范县', '全县', '县商务局']));
  });

  it('is empty, and says so, for a head with nothing to report; other years on request; 403 for others', async () => {
    const head = await login(ctx.app, 'bm07-01');
    const res = await template(head);
    expect(res.statusCode).toBe(200);
    const workbook = await readWorkbook(res.rawPayload);
    expect(sheetTexts(workbook.getWorksheet('实绩') as ExcelJS.Worksheet)).toHaveLength(1);
    expect(
      sheetTexts(workbook.getWorksheet('说明') as ExcelJS.Worksheet)
        .flat()
        .join(''),
    ).toContain(`您在 ${year} 年没有需要填报的目标`);
    const past = await template(liaison, `?year=${year - 1}`);
    expect(past.headers['content-disposition']).toContain(`target-actuals-${year - 1}.xlsx`);
    expect(sheetTexts((await readWorkbook(past.rawPayload)).getWorksheet('实绩') as ExcelJS.Worksheet)).toHaveLength(1);
    expect((await template(liaison, '?year=1999')).statusCode).toBe(400);
    for (const username of ['cadre', 'leader', 'judge']) {
      const client = await login(ctx.app, username);
      const refused = await template(client);
      expect(refused.statusCode, username).toBe(403);
      expect(errorOf(refused).code).toBe('FORBIDDEN');
    }
  });
});

describe('importing actuals', () => {
  it('writes the filled rows of the template (blank ones skipped), corrects in place, audits each change', async () => {
    const workbook = await readWorkbook((await template(liaison)).rawPayload);
    const sheet = workbook.getWorksheet('实绩') as ExcelJS.Worksheet;
    const col = (h: string) => HEADERS.indexOf(h) + 1;
    const filled: Record<string, number> = {};
    for (const number of [2, 3, 4]) {
      const row = sheet.getRow(number);
      const name = readCellText(row.getCell(col('目标')).value);
      const before = await figureOf(name, '城关镇', 1);
      filled[name] = Math.round(((before ?? 0) + 1) * 100) / 100;
      row.getCell(col('月份')).value = 1;
      row.getCell(col('数值')).value = filled[name] ?? 0;
      row.getCell(col('备注')).value = '据台账更正';
    }
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const audits = await auditCount(ctx);
    const res = await upload(liaison, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, unchanged: 0, targets: 3 });
    for (const [name, value] of Object.entries(filled)) expect(await figureOf(name, '城关镇', 1)).toBe(value);
    expect(await auditCount(ctx)).toBe(audits + 3);
    const [entry] = await ctx.sql<{ before: unknown; after: { value: number; via: string } }>(
      `select before, after from audit_log where action = 'target.reportActual' order by id desc limit 1`,
    );
    expect(entry?.after.via).toBe('import');
    // Seeded after January, the demo has every month gone on record: the import corrected them.
    if (monthsGone(year, today) > 0) expect(entry?.before).toMatchObject({ value: expect.any(Number) });

    const again = await upload(liaison, file);
    expect(again.json()).toEqual({ imported: 0, unchanged: 3, targets: 0 });
    expect(await auditCount(ctx)).toBe(audits + 3);
  });

  it('takes the template filled and saved by openpyxl, and saved again by LibreOffice Calc', async () => {
    const byOpenpyxl = saveWithOpenpyxl((await template(liaison)).rawPayload, '实绩', [
      { 月份: 1, 数值: 7, 备注: 'openpyxl 填写' },
    ]);
    const res = await upload(liaison, byOpenpyxl);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().imported + res.json().unchanged).toBe(1);
    const again = await upload(liaison, saveWithLibreOffice(byOpenpyxl));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ imported: 0, unchanged: 1, targets: 0 });
  });

  it('refuses a small file whose cell inflates to 64 MB with a short 422, writing nothing', async () => {
    const before = await snapshot();
    const res = await upload(liaison, await withHugeCell((await template(liaison)).rawPayload, 64 * 1024 * 1024));
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(res.body.length).toBeLessThan(500);
    expect(await snapshot()).toBe(before);
  });

  it("takes rows by name alone — the county's own figure as 全县, a unit as 上级单位/单位 — and relights", async () => {
    const res = await upload(
      stats,
      await workbookOf([
        { 目标: '进规纳限企业', 单位: '全县', 月份: 1, 数值: 9 },
        { 目标: '进规纳限企业', 单位: '示范县/东关镇', 月份: '1月', 数值: '2' },
        { 目标: '完成固定资产投资', 单位: '县交通运输局', 月份: 1, 数值: '1,234.5', 备注: '含续建项目' },
      ]),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: expect.any(Number), targets: expect.any(Number) });
    expect(await figureOf('进规纳限企业', '示范县', 1)).toBe(9);
    expect(await figureOf('进规纳限企业', '东关镇', 1)).toBe(2);
    expect(await figureOf('完成固定资产投资', '县交通运输局', 1)).toBe(1234.5);
    const [county] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from targets t join target_actuals x on x.target_id = t.id and x.unit_id = t.unit_id
       where t.name = '进规纳限企业' and t.year = $1`,
      [year],
    );
    expect(county?.n).toBe(1);
  });

  it('refuses the whole workbook when any row is wrong, marking each bad row, and writes nothing', async () => {
    const rows: TRow[] = [
      { 目标: '新增市场主体', 单位: '城关镇', 月份: 1, 数值: 10 },
      { 目标: '新增市场主体', 单位: '城关镇', 月份: 13, 数值: 10 },
      { 目标: '进规纳限企业', 单位: '城关镇', 月份: 1, 数值: 1.5 },
      { 目标: '不存在的目标', 单位: '城关镇', 月份: 1, 数值: 1 },
      { 目标: '完成固定资产投资', 单位: '城关镇', 月份: 1, 数值: -2 },
      { 目标: '完成固定资产投资', 单位: '城关镇', 月份: 1, 数值: 'abc' },
      { 目标: '新增市场主体', 单位: '城关镇', 月份: 1, 数值: 11 },
      { 目标: '招商引资签约项目', 单位: '城关镇', 月份: 1, 数值: 1, 备注: 'x'.repeat(201) },
      { 目标: '新增城镇就业', 单位: '城关镇', 月份: 1, 数值: 5 },
      { 目标: '', 单位: '', 月份: '', 数值: 5 },
      { 目标: '新增市场主体', 单位: '', 月份: 1, 数值: '' },
    ];
    if (latest < 12) rows.push({ 目标: '新增城镇就业', 单位: '城关镇', 月份: latest + 1, 数值: 5 });
    const before = await snapshot();
    const audits = await auditCount(ctx);
    const res = await upload(liaison, await workbookOf(rows));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json() as { error: { code: string; field: string; message: string }; errorWorkbook: string };
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    const bad = rowErrors(res);
    const byRow = Object.fromEntries(bad.map((r) => [r.row, r.errors.map((e) => `${e.column}:${e.message}`)]));
    expect(byRow[3]).toEqual(['月份:月份应为 1–12 的整数']);
    expect(byRow[4]).toEqual(['数值:计数类目标应填整数']);
    expect(byRow[5]?.[0]).toMatch(/^目标:\d{4} 年没有名为「不存在的目标」的目标/);
    expect(byRow[6]).toEqual(['数值:不能为负数']);
    expect(byRow[7]).toEqual(['数值:「abc」不是数字']);
    expect(byRow[8]).toEqual(['月份:与第 2 行重复（同一目标、单位、月份）']);
    expect(byRow[9]).toEqual(['备注:超过 200 字']);
    expect(byRow[11]).toEqual(['目标:必填', '单位:必填', '月份:必填']);
    expect(byRow[2]).toBeUndefined();
    expect(byRow[10]).toBeUndefined();
    expect(byRow[12]).toBeUndefined(); // no value: skipped
    if (latest < 12) expect(byRow[13]?.[0]).toBe(`月份:不能填报 ${latest + 1} 月，目前最多填报到 ${latest} 月`);
    expect(await snapshot()).toBe(before);
    expect(await auditCount(ctx)).toBe(audits);

    const marked = (await readWorkbook(body.errorWorkbook)).getWorksheet('实绩') as ExcelJS.Worksheet;
    const texts = sheetTexts(marked);
    expect(texts[0]?.at(-1)).toBe('错误说明');
    expect(texts[2]?.at(-1)).toBe('月份：月份应为 1–12 的整数');
    expect(texts[1]?.length).toBeLessThan(texts[0]?.length ?? 0);
    const fill = marked.getRow(3).getCell(3).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe('FFFFC7CE');
  });

  it("refuses rows outside the caller's units, naming the unit, and writes nothing", async () => {
    const before = await snapshot();
    const audits = await auditCount(ctx);
    const res = await upload(
      liaison,
      await workbookOf([
        { 目标: '新增市场主体', 单位: '城关镇', 月份: 1, 数值: 10 },
        { 目标: '新增市场主体', 单位: '东关镇', 月份: 1, 数值: 10 },
        { 目标: '新增市场主体', 单位: '全县', 月份: 1, 数值: 10 },
        { 目标: '新增市场主体', 单位: '县教育局', 月份: 1, 数值: 10 },
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect(rowErrors(res)).toEqual([
      { row: 3, errors: [{ column: '单位', message: '您无权填报该单位的实绩' }] },
      { row: 4, errors: [{ column: '单位', message: '您无权填报该单位的实绩' }] },
      { row: 5, errors: [{ column: '单位', message: '「县教育局」没有分解到「新增市场主体」的任务' }] },
    ]);
    expect(await snapshot()).toBe(before);
    expect(await auditCount(ctx)).toBe(audits);

    // A head with no share of any target sees the targets as unknown.
    const head = await login(ctx.app, 'bm07-01');
    const refused = await upload(head, await workbookOf([{ 目标: '新增市场主体', 单位: '城关镇', 月份: 1, 数值: 1 }]));
    expect(refused.statusCode).toBe(422);
    expect(rowErrors(refused)).toEqual([{ row: 2, errors: [{ column: '目标', message: '该目标不存在或您无权填报' }] }]);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a wrong header row, a file that is no workbook, a sheet without values, and non-reporters', async () => {
    const cadre = await login(ctx.app, 'cadre');
    const audits = await auditCount(ctx);
    const unknown = await upload(liaison, await workbookOf([], ['指标', '单位', '月份', '数值']));
    expect(unknown.statusCode).toBe(422);
    expect(errorOf(unknown)).toMatchObject({ field: 'file', message: expect.stringContaining('「指标」') });
    const missing = await upload(liaison, await workbookOf([], ['目标', '单位', '月份']));
    expect(errorOf(missing).message).toContain('「数值」');
    const blank = await upload(liaison, await workbookOf([{ 目标: '新增市场主体', 单位: '城关镇', 月份: 1 }]));
    expect(blank.statusCode).toBe(422);
    expect(errorOf(blank).message).toContain('没有填写“数值”的行');
    const notXlsx = await upload(liaison, Buffer.from('目标,单位,月份,数值\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(errorOf(notXlsx).field).toBe('file');
    expect((await upload(liaison, Buffer.from('x'), '', 'text/csv')).statusCode).toBe(415);
    const file = await workbookOf([{ 目标: '新增市场主体', 单位: '城关镇', 月份: 1, 数值: 1 }]);
    expect((await upload(cadre, file)).statusCode).toBe(403);
    const lastYear = await upload(liaison, file, `?year=${year - 1}`);
    expect(rowErrors(lastYear)[0]?.errors[0]?.message).toBe(
      `${year - 1} 年没有名为「新增市场主体」的目标，或您无权填报`,
    );
    expect(await auditCount(ctx)).toBe(audits);
  });
});

describe('a large import', () => {
  it('writes 5,000 rows for a past year in one import', async () => {
    const past = year - 1;
    const [creator] = await ctx.sql<{ id: string }>(`select id from users where username = 'supervisor'`);
    await ctx.sql(
      `insert into targets (year, name, measure, kind, direction, accumulation, total, unit_id, created_by)
       select $1, '指标' || n, '个', 'count', 'higher', 'monthly', 100000, u.id, $2
       from generate_series(1, 8) n, units u where u.parent_id is null`,
      [past, creator?.id],
    );
    await ctx.sql(
      `insert into target_allocations (target_id, unit_id, unit_path, amount)
       select t.id, u.id, u.path, 1000 from targets t, units u where t.year = $1 and u.parent_id is not null`,
      [past],
    );
    const pairs = await ctx.sql<{ target: string; unit: string }>(
      `select t.name as target, u.name as unit from target_allocations a join targets t on t.id = a.target_id
       join units u on u.id = a.unit_id where t.year = $1 order by t.name, u.sort_order`,
      [past],
    );
    const rows: TRow[] = [];
    for (let month = 1; month <= 12 && rows.length < 5000; month++) {
      for (const p of pairs) {
        if (rows.length < 5000) rows.push({ 目标: p.target, 单位: p.unit, 月份: month, 数值: month * 3 });
      }
    }
    expect(rows).toHaveLength(5000);
    const file = await workbookOf(rows);
    const res = await upload(supervisor, file, `?year=${past}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.json()).toEqual({ imported: 5000, unchanged: 0, targets: 8 });
    const [lit] = await ctx.sql<{ n: number }>(
      'select count(*)::int as n from targets where year = $1 and actual is not null',
      [past],
    );
    expect(lit?.n).toBe(8);
  }, 30_000);
});

describe('the API description', () => {
  it('describes both routes, with the workbook as the answer or the body', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const get = doc.paths['/api/v1/targets/actuals/template.xlsx'].get;
    const post = doc.paths['/api/v1/targets/actuals/import'].post;
    for (const op of [get, post]) {
      expect(op.tags).toEqual(['targets']);
      expect(op.summary).toBeTruthy();
      expect(op.description.length).toBeGreaterThan(200);
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['year']);
    }
    expect(get.responses['200'].content[XLSX_MIME].schema).toEqual({ type: 'string', format: 'binary' });
    expect(post.description).toContain(XLSX_MIME);
    expect(Object.keys(post.responses)).toEqual(['200', '422']);
  });
});
