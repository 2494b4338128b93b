import { XLSX_MIME } from '@duban/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, userId, useTestApp } from '../../test/harness.ts';
import { readCellText } from './task-excel.cells.ts';
import { formatHeader, IMPORT_COLUMNS } from './task-excel.columns.ts';

const ctx = useTestApp();
let supervisor: TClient;
let cadre: TClient;
let listId: string;

type TRow = Record<string, ExcelJS.CellValue>;
const HEADERS = IMPORT_COLUMNS.map(formatHeader);

/** A workbook laid out as the template, with the given rows (keyed by header, without the *). */
async function workbookOf(rows: TRow[], headers: string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务清单');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h.replace('*', '')] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function readWorkbook(data: Buffer | string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const buffer = typeof data === 'string' ? Buffer.from(data, 'base64') : data;
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const sheetTexts = (sheet: ExcelJS.Worksheet) => {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push((row.values as ExcelJS.CellValue[]).slice(1).map((v) => readCellText(v ?? null)));
  });
  return rows;
};

const upload = (client: TClient, list: string, body: Buffer, type = XLSX_MIME) =>
  client.request('POST', `/api/v1/task-lists/${list}/import`, body, { 'content-type': type });

const task = (n: number, overrides: TRow = {}): TRow => ({
  任务名称: `导入任务 ${n}`,
  任务来源: '民生实事',
  标签: '民生实事、十件大事',
  六个一线: '基层一线',
  优先级: '重要',
  牵头单位: '城关镇',
  配合单位: '县发展和改革局',
  汇报频次: '每周',
  开始日期: new Date('2026-03-01T00:00:00Z'),
  截止日期: '2026-12-31',
  工作目标: '完成改造',
  指标: '新增市场主体:1000户；完成投资:5亿元',
  交付成果: '验收报告、总结',
  承诺: '按期完成',
  节点: '完成设计@2026-05-31；完成施工@2026-11-30#3',
  ...overrides,
});

const listTaskCount = async (list: string) =>
  (await ctx.sql<{ n: number }>('select count(*)::int as n from tasks where list_id = $1', [list]))[0]?.n ?? 0;

const rowErrors = (res: LightMyRequestResponse) =>
  (res.json() as { rows: { row: number; errors: { column: string; message: string }[] }[] }).rows;

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  cadre = await login(ctx.app, 'cadre');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '2026 年导入清单', year: 2026 });
  listId = list.json().id;
});

describe('the import template', () => {
  it('has the Chinese headers, a frozen header row, instructions, and drop-downs fed from a hidden sheet', async () => {
    const res = await supervisor.request('GET', '/api/v1/task-lists/template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+"; filename\*=UTF-8''%E4/);
    const workbook = await readWorkbook(res.rawPayload);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['任务清单', 'visible'],
      ['选项', 'hidden'],
      ['填写说明', 'visible'],
    ]);
    const sheet = workbook.getWorksheet('任务清单');
    if (!sheet) throw new Error('no task sheet');
    expect(sheetTexts(sheet)[0]).toEqual(HEADERS);
    expect(HEADERS.filter((h) => h.endsWith('*'))).toEqual(['任务名称*', '牵头单位*', '开始日期*', '截止日期*']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan(20);

    const options = sheetTexts(workbook.getWorksheet('选项') as ExcelJS.Worksheet);
    const choicesOf = (header: string) => {
      const col = options[0]?.indexOf(header) ?? -1;
      return options.slice(1).flatMap((r) => (r[col] ? [r[col]] : []));
    };
    expect(choicesOf('任务来源')).toEqual([
      '常委会议定',
      '政府工作报告',
      '领导批示',
      '十件大事',
      '民生实事',
      '信访',
      '其他',
    ]);
    expect(choicesOf('六个一线')).toEqual(['基层一线', '招商一线', '项目一线', '发展一线', '维稳一线', '振兴一线']);
    expect(choicesOf('优先级')).toEqual(['一般', '重要', '紧急']);
    expect(choicesOf('汇报频次')).toEqual(['每日', '每周', '按节点']);
    expect(choicesOf('标签')).toEqual(expect.arrayContaining(['十件大事', '十大拉练比拼项目', '民生实事']));
    const units = choicesOf('牵头单位');
    expect(units[0]).toBe('示范县');
    expect(units).toEqual(expect.arrayContaining(['城关镇', '县发展和改革局', '示范县经济开发区']));
    expect(units.join('').length).toBeGreaterThan(255);

    const validations = (
      sheet as ExcelJS.Worksheet & { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    const letterOf = (header: string) => sheet.getColumn(HEADERS.indexOf(header) + 1).letter;
    for (const header of ['任务来源', '标签', '六个一线', '优先级', '牵头单位*', '汇报频次']) {
      const v = validations[`${letterOf(header)}2`];
      expect(v?.type, header).toBe('list');
      expect(String(v?.formulae[0]), header).toMatch(/^'选项'!\$[A-Z]\$2:\$[A-Z]\$\d+$/);
    }
    expect(validations[`${letterOf('牵头单位*')}2`]?.formulae[0]).toBe(`'选项'!$E$2:$E$${units.length + 1}`);
    expect(validations[`${letterOf('任务名称*')}2`]).toBeUndefined();
    const instructions = sheetTexts(workbook.getWorksheet('填写说明') as ExcelJS.Worksheet)
      .flat()
      .join('\n');
    expect(instructions).toContain('完成设计@2026-05-31');
  });

  it('is refused to people who do not add tasks (403)', async () => {
    expect((await cadre.request('GET', '/api/v1/task-lists/template.xlsx')).statusCode).toBe(403);
    const head = await login(ctx.app, 'head');
    expect((await head.request('GET', '/api/v1/task-lists/template.xlsx')).statusCode).toBe(403);
  });
});

describe('importing a workbook', () => {
  it('writes every row as a draft task with units, charter and milestones, audited once', async () => {
    const before = await auditCount(ctx);
    const leader = await ctx.sql<{ display_name: string }>(`select display_name from users where username = 'leader'`);
    const file = await workbookOf([
      task(1, { 牵头领导: leader[0]?.display_name ?? '', 责任人: 'zh01-05' }),
      task(2, {
        任务来源: 'committeeDecision',
        标签: '十大拉练比拼项目，招商,重点',
        优先级: '',
        汇报频次: '按节点',
        开始日期: '2026/4/1',
        截止日期: new Date('2026-10-31T00:00:00Z'),
        牵头单位: '县发展和改革局',
        配合单位: '城关镇、县财政局',
        责任人: 'cadre2',
        指标: '',
        节点: '',
      }),
      {},
      task(3, { 六个一线: '', 配合单位: '', 开始日期: '2026年3月1日', 截止日期: 46_387 }),
    ]);
    const res = await upload(supervisor, listId, file);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.imported).toBe(3);
    expect(body.items.map((t: { title: string }) => t.title)).toEqual(['导入任务 1', '导入任务 2', '导入任务 3']);
    expect(body.items[0]).toMatchObject({ state: 'draft', leadUnitName: '城关镇', priority: 'high', listId });

    const first = (await supervisor.request('GET', `/api/v1/tasks/${body.items[0].id}`)).json();
    expect(first).toMatchObject({
      source: 'livelihood',
      tags: ['民生实事', '十件大事'],
      frontLine: 'grassroots',
      cadence: 'weekly',
      startDate: '2026-03-01',
      dueDate: '2026-12-31',
      leadLeaderName: leader[0]?.display_name,
      coUnits: [{ name: '县发展和改革局' }].map((u) => expect.objectContaining(u)),
    });
    expect(first.ownerName).toEqual(expect.any(String));
    expect(first.charter).toEqual({
      goal: '完成改造',
      indicators: [
        { name: '新增市场主体', target: 1000, unit: '户' },
        { name: '完成投资', target: 5, unit: '亿元' },
      ],
      deliverables: ['验收报告', '总结'],
      pledge: '按期完成',
    });
    expect(first.milestones.map((m: { seq: number; title: string; dueDate: string; weight: number }) => m)).toEqual([
      expect.objectContaining({ seq: 1, title: '完成设计', dueDate: '2026-05-31', weight: 1, state: 'pending' }),
      expect.objectContaining({ seq: 2, title: '完成施工', dueDate: '2026-11-30', weight: 3 }),
    ]);
    expect(first.events.map((e: { action: string; toState: string }) => [e.action, e.toState])).toEqual([
      ['create', 'draft'],
    ]);

    const second = (await supervisor.request('GET', `/api/v1/tasks/${body.items[1].id}`)).json();
    expect(second).toMatchObject({
      source: 'committeeDecision',
      tags: ['十大拉练比拼项目', '招商', '重点'],
      priority: 'normal',
      cadence: 'milestone',
      startDate: '2026-04-01',
      dueDate: '2026-10-31',
      leadUnitName: '县发展和改革局',
      milestones: [],
    });
    expect(second.coUnits.map((u: { name: string }) => u.name)).toEqual(['城关镇', '县财政局']);
    const third = body.items[2];
    expect(third).toMatchObject({ frontLine: null, coUnits: [], startDate: '2026-03-01', dueDate: '2026-12-31' });

    const units = await ctx.sql<{ name: string; is_lead: boolean }>(
      'select u.name, tu.is_lead from task_units tu join units u on u.id = tu.unit_id where tu.task_id = $1 order by tu.is_lead desc, u.name',
      [body.items[1].id],
    );
    expect(units).toEqual([
      { name: '县发展和改革局', is_lead: true },
      { name: '县财政局', is_lead: false },
      { name: '城关镇', is_lead: false },
    ]);
    expect(await auditCount(ctx)).toBe(before + 1);
    const [audit] = await ctx.sql<{ action: string; target_type: string; target_id: string; after: unknown }>(
      'select action, target_type, target_id, after from audit_log order by id desc limit 1',
    );
    expect(audit).toEqual({
      action: 'taskList.import',
      target_type: 'taskList',
      target_id: listId,
      after: { count: 3, taskIds: body.items.map((t: { id: string }) => t.id) },
    });
    // The head of 城关镇 is told nothing yet: drafts wait for assignment.
    const list = (await supervisor.request('GET', `/api/v1/task-lists/${listId}`)).json();
    expect(list).toMatchObject({ taskCount: 3, draftCount: 3 });
  });
});

describe('a workbook with bad rows', () => {
  it('imports nothing and answers each bad row, in the JSON and in a marked-up workbook', async () => {
    const before = [await listTaskCount(listId), await auditCount(ctx)];
    const rows = Array.from({ length: 20 }, (_, i) => task(100 + i));
    rows[3] = task(103, { 牵头单位: '不存在的单位', 截止日期: '2026-02-30' });
    rows[10] = task(110, { 优先级: '特急', 节点: '完成设计@2027-05-31' });
    const res = await upload(supervisor, listId, await workbookOf(rows));
    expect(res.statusCode).toBe(422);
    expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'file' });
    expect(rowErrors(res)).toEqual([
      {
        row: 5,
        errors: [
          { column: '牵头单位', message: '找不到单位「不存在的单位」' },
          { column: '截止日期', message: '「2026-02-30」不是有效日期' },
        ],
      },
      {
        row: 12,
        errors: [
          { column: '优先级', message: '无法识别「特急」，可选：一般、重要、紧急' },
          { column: '节点', message: '节点「完成设计」晚于截止日期' },
        ],
      },
    ]);
    expect([await listTaskCount(listId), await auditCount(ctx)]).toEqual(before);

    const marked = await readWorkbook(res.json().errorWorkbook);
    const sheet = marked.getWorksheet('任务清单') as ExcelJS.Worksheet;
    const texts = sheetTexts(sheet);
    const last = HEADERS.length;
    expect(texts[0]?.[last]).toBe('错误说明');
    expect(texts[4]?.[last]).toBe('牵头单位：找不到单位「不存在的单位」；截止日期：「2026-02-30」不是有效日期');
    expect(texts[11]?.[last]).toContain('优先级：无法识别「特急」');
    expect(texts[1]?.[last] ?? '').toBe('');
    const fillOf = (row: number, col: number) => {
      const fill = sheet.getRow(row).getCell(col).fill;
      return fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
    };
    expect(fillOf(5, 1)).toBe('FFFDE9E7');
    expect(fillOf(5, HEADERS.indexOf('牵头单位*') + 1)).toBe('FFFFC7CE');
    expect(fillOf(6, 1)).toBeUndefined();

    // Corrected in the returned workbook, it goes back as it is: 错误说明 is ignored.
    sheet.getRow(5).getCell(HEADERS.indexOf('牵头单位*') + 1).value = '县财政局';
    sheet.getRow(5).getCell(HEADERS.indexOf('截止日期*') + 1).value = '2026-12-31';
    sheet.getRow(12).getCell(HEADERS.indexOf('优先级') + 1).value = '紧急';
    sheet.getRow(12).getCell(HEADERS.indexOf('节点') + 1).value = '完成设计@2026-05-31';
    const again = await upload(supervisor, listId, Buffer.from(await marked.xlsx.writeBuffer()));
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().imported).toBe(20);
    expect(await listTaskCount(listId)).toBe((before[0] ?? 0) + 20);
  });

  it('names every kind of fault, in Chinese, against the same rules as adding a task by hand', async () => {
    const [leaderName, headName] = (
      await ctx.sql<{ display_name: string }>(
        `select display_name from users where username in ('leader', 'head') order by username desc`,
      )
    ).map((r) => r.display_name);
    await ctx.sql(`update units set is_active = false where name = '县档案馆'`);
    // Two people share a name: the owner column picks the one working in the task's units, else asks for a username.
    await ctx.sql(`update users set display_name = '重名甲' where username in ('zh01-06', 'bm06-05', 'bm07-05')`);
    const cases: [TRow, string, string][] = [
      [{ 任务名称: '' }, '任务名称', '必填'],
      [{ 任务名称: '长'.repeat(201) }, '任务名称', '超过 200 字'],
      [{ 任务来源: '小道消息' }, '任务来源', '无法识别「小道消息」'],
      [{ 六个一线: '前线' }, '六个一线', '无法识别「前线」'],
      [{ 汇报频次: '每月' }, '汇报频次', '无法识别「每月」'],
      [{ 标签: Array.from({ length: 11 }, (_, i) => `标签${i}`).join('、') }, '标签', '最多 10 项'],
      [{ 牵头单位: '县档案馆' }, '牵头单位', '单位「县档案馆」已停用'],
      [{ 配合单位: '城关镇' }, '配合单位', '「城关镇」已是牵头单位，不能同时作为配合单位'],
      [{ 配合单位: '县财政局、无此局' }, '配合单位', '找不到单位「无此局」'],
      [{ 牵头领导: headName ?? '' }, '牵头领导', '牵头领导须具有领导角色'],
      [{ 牵头领导: '查无此人' }, '牵头领导', '找不到人员「查无此人」'],
      [{ 责任人: 'zh05-03' }, '责任人', '责任人须在牵头单位或配合单位工作'],
      [{ 责任人: '重名甲', 配合单位: '县发展和改革局、县教育局' }, '责任人', '有 3 人名为「重名甲」，请改填用户名'],
      [{ 开始日期: '' }, '开始日期', '必填'],
      [{ 开始日期: '明年' }, '开始日期', '「明年」不是日期'],
      [{ 截止日期: '2026-01-31', 节点: '' }, '截止日期', '截止日期早于开始日期'],
      [{ 指标: '投资五亿' }, '指标', '应写成 名称:数值单位'],
      [{ 节点: '完成设计' }, '节点', '应写成 名称@日期'],
      [{ 节点: '完成设计@2026-05-31#200' }, '节点', '第 1 项的权重不能大于 100'],
    ];
    const file = await workbookOf(cases.map(([overrides], i) => task(200 + i, overrides)));
    const res = await upload(supervisor, listId, file);
    expect(res.statusCode).toBe(422);
    const byRow = new Map(rowErrors(res).map((r) => [r.row, r.errors]));
    cases.forEach(([, column, message], i) => {
      const errors = byRow.get(i + 2);
      expect(errors, `row ${i + 2}: ${column}`).toEqual([{ column, message: expect.stringContaining(message) }]);
    });
    // Told apart by the task's units: the 重名甲 of 城关镇 is the owner; and a leader found by name.
    const ok = await upload(
      supervisor,
      listId,
      await workbookOf([task(300, { 责任人: '重名甲', 配合单位: '', 牵头领导: leaderName ?? '' })]),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items[0]).toMatchObject({ ownerId: await userId(ctx, 'zh01-06'), leadLeaderName: leaderName });
  });

  it('refuses a lead unit outside the importer’s scope', async () => {
    const [grant] = await ctx.sql<{ id: string }>(
      `insert into role_grants (user_id, role, unit_id) select id, 'leader', unit_id from users where username = 'zh05-02' returning id`,
    );
    expect(grant).toBeDefined();
    const townLeader = await login(ctx.app, 'zh05-02');
    const res = await upload(townLeader, listId, await workbookOf([task(400, { 配合单位: '' })]));
    expect(rowErrors(res)).toEqual([{ row: 2, errors: [{ column: '牵头单位', message: '该单位不在您的管辖范围内' }] }]);
    const template = await readWorkbook(
      (await townLeader.request('GET', '/api/v1/task-lists/template.xlsx')).rawPayload,
    );
    const options = sheetTexts(template.getWorksheet('选项') as ExcelJS.Worksheet);
    const col = options[0]?.indexOf('牵头单位') ?? -1;
    expect(options.slice(1).flatMap((r) => (r[col] ? [r[col]] : []))).toEqual(['北坪镇']);
  });
});

describe('refusals', () => {
  it('names a wrong or missing header (422)', async () => {
    const renamed = HEADERS.map((h) => (h === '牵头单位*' ? '牵头部门' : h));
    const wrong = await upload(supervisor, listId, await workbookOf([task(1)], renamed));
    expect([wrong.statusCode, errorOf(wrong).field]).toEqual([422, 'file']);
    expect(errorOf(wrong).message).toContain('「牵头部门」');
    const missing = await upload(
      supervisor,
      listId,
      await workbookOf(
        [task(1)],
        HEADERS.filter((h) => h !== '截止日期*'),
      ),
    );
    expect([missing.statusCode, errorOf(missing).message]).toEqual([422, '表头缺少必填列「截止日期」']);
    const empty = await upload(supervisor, listId, await workbookOf([]));
    expect([empty.statusCode, errorOf(empty).message]).toEqual([422, '工作簿中没有任务行']);
  });

  it.each([10_001, 12_000])('refuses %i rows (422) before checking any', async (n) => {
    const rows = Array.from({ length: n }, (_, i) => ({ 任务名称: `任务 ${i}` }));
    const res = await upload(supervisor, listId, await workbookOf(rows));
    expect([res.statusCode, errorOf(res).message]).toEqual([422, '一次最多导入 10000 行，请分批导入']);
  });

  it('refuses a body that is not a workbook (400), of another type (415) or over 10 MB (413), writing nothing', async () => {
    const before = await listTaskCount(listId);
    const garbage = await upload(supervisor, listId, Buffer.from('任务名称,牵头单位\n修路,城关镇\n'));
    expect([garbage.statusCode, errorOf(garbage).field]).toEqual([400, 'file']);
    const csv = await upload(supervisor, listId, Buffer.from('任务名称,牵头单位\n'), 'text/csv');
    expect(csv.statusCode).toBe(415);
    const json = await supervisor.request('POST', `/api/v1/task-lists/${listId}/import`, { rows: [] });
    expect(json.statusCode).toBe(400);
    const huge = await upload(supervisor, listId, Buffer.alloc(10 * 1024 * 1024 + 1));
    expect([huge.statusCode, errorOf(huge).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await listTaskCount(listId)).toBe(before);
  });

  it('the OpenAPI document describes the body as the workbook itself', () => {
    const doc = ctx.app.swagger() as unknown as {
      paths: Record<string, Record<string, { requestBody?: { content: object } }>>;
    };
    for (const path of ['/api/v1/task-lists/{id}/import', '/api/v1/targets/actuals/import']) {
      expect(doc.paths[path]?.post?.requestBody?.content, path).toEqual({
        [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } },
      });
    }
  });

  it('refuses a cadre (403) and a list the caller cannot see (404)', async () => {
    const file = await workbookOf([task(1)]);
    expect((await upload(cadre, listId, file)).statusCode).toBe(403);
    expect((await upload(supervisor, '00000000-0000-4000-8000-000000000000', file)).statusCode).toBe(404);
    const bad = await upload(supervisor, 'not-a-uuid', file);
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'id']);
  });
});

describe('a large workbook', () => {
  const LEADS = ['城关镇', '东关镇', '县发展和改革局', '县教育局', '县财政局'];

  /** The template as downloaded, filled with n rows (drop-downs and all). */
  async function filledTemplate(n: number, bad: (i: number) => TRow = () => ({})): Promise<Buffer> {
    const res = await supervisor.request('GET', '/api/v1/task-lists/template.xlsx');
    const workbook = await readWorkbook(res.rawPayload);
    const sheet = workbook.getWorksheet('任务清单') as ExcelJS.Worksheet;
    for (let i = 0; i < n; i++) {
      const row = task(i, {
        牵头单位: LEADS[i % LEADS.length] ?? '城关镇',
        配合单位: LEADS[(i + 1) % LEADS.length] ?? '',
        ...bad(i),
      });
      sheet.addRow(HEADERS.map((h) => row[h.replace('*', '')] ?? null));
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('imports 5,000 rows filled into the template (its time is measured in bench/)', async () => {
    const list = (await supervisor.request('POST', '/api/v1/task-lists', { name: '大清单', year: 2026 })).json().id;
    const file = await filledTemplate(5000);
    const res = await upload(supervisor, list, file);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(res.json().imported).toBe(5000);
    expect(res.json().items).toHaveLength(50);
    const [counts] = await ctx.sql<{ tasks: number; units: number; milestones: number; events: number }>(
      `select count(*)::int as tasks,
        (select count(*)::int from task_units tu join tasks t on t.id = tu.task_id where t.list_id = $1) as units,
        (select count(*)::int from milestones m join tasks t on t.id = m.task_id where t.list_id = $1) as milestones,
        (select count(*)::int from task_events e join tasks t on t.id = e.task_id where t.list_id = $1) as events
      from tasks where list_id = $1 and state = 'draft'`,
      [list],
    );
    expect(counts).toEqual({ tasks: 5000, units: 10000, milestones: 10000, events: 5000 });

    const exported = await supervisor.request('GET', `/api/v1/tasks/export.xlsx?listId=${list}`);
    const sheet = (await readWorkbook(exported.rawPayload)).getWorksheet('任务') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(5001);
  });

  it('answers a 5,000-row workbook with one bad row quickly too, writing nothing', async () => {
    const file = await filledTemplate(5000, (i) => (i === 4321 ? { 截止日期: '2025-01-01', 节点: '' } : {}));
    const res = await upload(supervisor, listId, file);
    expect(res.statusCode).toBe(422);
    expect(rowErrors(res)).toEqual([{ row: 4323, errors: [{ column: '截止日期', message: '截止日期早于开始日期' }] }]);
  });
});

describe('exporting tasks', () => {
  let exportList: string;
  const EXPORT_HEADERS = [
    '清单',
    '任务名称',
    '任务来源',
    '标签',
    '六个一线',
    '优先级',
    '牵头领导',
    '牵头单位',
    '配合单位',
    '责任人',
    '汇报频次',
    '状态',
    '进度',
    '开始日期',
    '截止日期',
  ];

  const exportOf = async (client: TClient, query: string) => {
    const res = await client.request('GET', `/api/v1/tasks/export.xlsx?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const sheet = (await readWorkbook(res.rawPayload)).getWorksheet('任务') as ExcelJS.Worksheet;
    return { res, sheet, rows: sheetTexts(sheet) };
  };
  const titlesOf = (rows: string[][]) => rows.slice(1).map((r) => r[1]);

  beforeAll(async () => {
    exportList = (await supervisor.request('POST', '/api/v1/task-lists', { name: '导出清单', year: 2026 })).json().id;
    const res = await upload(
      supervisor,
      exportList,
      await workbookOf([
        task(1, { 任务名称: '城关镇独办', 配合单位: '', 截止日期: '2026-06-30', 节点: '' }),
        task(2, {
          任务名称: '发改局牵头',
          牵头单位: '县发展和改革局',
          配合单位: '',
          任务来源: '信访',
          截止日期: '2026-11-30',
        }),
        task(3, { 任务名称: '城关镇牵头发改局配合', 截止日期: '2026-09-30', 节点: '' }),
        task(4, { 任务名称: '教育局牵头', 牵头单位: '县教育局', 配合单位: '', 六个一线: '', 标签: '' }),
      ]),
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    // Units see tasks once assigned.
    expect((await supervisor.request('POST', `/api/v1/task-lists/${exportList}/assign`, {})).statusCode).toBe(200);
  });

  it('answers a workbook of the tasks, in Chinese, with a frozen filtered header and an encoded file name', async () => {
    const { res, sheet, rows } = await exportOf(supervisor, `listId=${exportList}`);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="duban-tasks-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''%E7%9D%A3%E5%8A%9E%E4%BB%BB%E5%8A%A1-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    expect(res.headers['x-export-truncated']).toBe('false');
    expect(rows[0]).toEqual(EXPORT_HEADERS);
    expect(titlesOf(rows)).toEqual(['城关镇独办', '城关镇牵头发改局配合', '发改局牵头', '教育局牵头']);
    expect(rows[2]).toEqual([
      '导出清单',
      '城关镇牵头发改局配合',
      '民生实事',
      '民生实事、十件大事',
      '基层一线',
      '重要',
      '',
      '城关镇',
      '县发展和改革局',
      '',
      '每周',
      '已交办',
      '0',
      '2026-03-01',
      '2026-09-30',
    ]);
    expect(rows[3]?.[2]).toBe('信访');
    const due = sheet.getRow(2).getCell(15);
    expect([due.value, due.numFmt]).toEqual([new Date('2026-06-30T00:00:00Z'), 'yyyy-mm-dd']);
    expect(sheet.getRow(2).getCell(13).numFmt).toBe('0%');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(2 * '城关镇牵头发改局配合'.length);
    expect(sheet.getColumn(6).width).toBeLessThan(12);
  });

  it('holds only the tasks the caller may see: a cadre of 县发展和改革局 gets no 城关镇-only task', async () => {
    const cadre2 = await login(ctx.app, 'cadre2');
    const { rows } = await exportOf(cadre2, `listId=${exportList}`);
    expect(titlesOf(rows)).toEqual(['城关镇牵头发改局配合', '发改局牵头']);
    const listed = (await cadre2.request('GET', `/api/v1/tasks?listId=${exportList}&pageSize=200`)).json();
    expect(titlesOf(rows)).toEqual(listed.items.map((t: { title: string }) => t.title));
    const everything = await exportOf(cadre2, '');
    expect(everything.rows.slice(1).every((r) => r[7] !== '城关镇' || r[8]?.includes('县发展和改革局'))).toBe(true);
  });

  it('applies the task list’s filters, and refuses a bad one naming it', async () => {
    const town = await ctx.sql<{ id: string }>(`select id from units where name = '县教育局'`);
    const cases: [string, string[]][] = [
      [`q=${encodeURIComponent('牵头')}`, ['城关镇牵头发改局配合', '发改局牵头', '教育局牵头']],
      ['source=petition', ['发改局牵头']],
      ['dueTo=2026-07-01', ['城关镇独办']],
      [`unitId=${town[0]?.id}`, ['教育局牵头']],
      [`tag=${encodeURIComponent('十件大事')}`, ['城关镇独办', '城关镇牵头发改局配合', '发改局牵头']],
      ['state=draft', []],
    ];
    for (const [query, titles] of cases) {
      const { rows } = await exportOf(supervisor, `listId=${exportList}&${query}`);
      expect(titlesOf(rows), query).toEqual(titles);
    }
    const bad = await supervisor.request('GET', '/api/v1/tasks/export.xlsx?state=lost');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'state']);
  });
});

describe('the API description', () => {
  it('describes the three routes, with the workbook as their body or answer', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const template = doc.paths['/api/v1/task-lists/template.xlsx'].get;
    const upload = doc.paths['/api/v1/task-lists/{id}/import'].post;
    const exported = doc.paths['/api/v1/tasks/export.xlsx'].get;
    for (const op of [template, upload, exported]) {
      expect(op.tags).toHaveLength(1);
      expect(op.summary).toBeTruthy();
      expect(op.description.length).toBeGreaterThan(100);
    }
    expect(template.responses['200'].content[XLSX_MIME].schema).toEqual({ type: 'string', format: 'binary' });
    expect(exported.responses['200'].content[XLSX_MIME].schema).toEqual({ type: 'string', format: 'binary' });
    expect(upload.description).toContain(XLSX_MIME);
    expect(Object.keys(upload.responses)).toEqual(['201', '422']);
    expect(exported.parameters.map((p: { name: string }) => p.name)).not.toContain('page');
  });
});
