import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { TCounty } from '../generate.ts';
import type { TSession } from './api.ts';
import { sampleProcess } from './processes.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface TImportTiming {
  rows: number;
  workbookKb: number;
  importMs: number;
  exportMs: number;
}

async function call(
  baseUrl: string,
  session: TSession & { csrf: string },
  method: string,
  path: string,
  body?: string | Buffer,
  type?: string,
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(type ? { 'content-type': type } : {}) },
    body,
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response;
}

/** The CSRF token of a session, which writes need. */
async function withCsrf(baseUrl: string, session: TSession): Promise<TSession & { csrf: string }> {
  const me = (await (await fetch(`${baseUrl}/api/v1/me`, { headers: { cookie: session.cookie } })).json()) as {
    csrfToken: string;
  };
  return { ...session, csrf: me.csrfToken };
}

/** A new list of this year to import into, and the import template. */
async function newListWithTemplate(baseUrl: string, session: TSession & { csrf: string }, name: string) {
  const year = new Date().getFullYear();
  const body = JSON.stringify({ name, year });
  const list = (await (
    await call(baseUrl, session, 'POST', '/api/v1/task-lists', body, 'application/json')
  ).json()) as {
    id: string;
  };
  const template = Buffer.from(
    await (await call(baseUrl, session, 'GET', '/api/v1/task-lists/template.xlsx')).arrayBuffer(),
  );
  return { list, template };
}

/**
 * Times the Excel round trip through the real server: downloads the list template, fills `rows` tasks into it,
 * imports it into a new list (all or nothing), then exports that list.
 */
export async function measureImport(
  baseUrl: string,
  plain: TSession,
  county: TCounty,
  rows: number,
): Promise<TImportTiming> {
  const session = await withCsrf(baseUrl, plain);
  const { list, template } = await newListWithTemplate(baseUrl, session, '导入基准清单');
  const year = new Date().getFullYear();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('任务清单');
  if (!sheet) throw new Error('the template has no 任务清单 sheet');
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace('*', ''));
  const counts = new Map<string, number>();
  for (const u of county.units) counts.set(u.name, (counts.get(u.name) ?? 0) + 1);
  const leads = county.units.filter((u) => u.id !== county.root.id && counts.get(u.name) === 1).map((u) => u.name);
  for (let i = 0; i < rows; i++) {
    const row: Record<string, unknown> = {
      任务名称: `导入基准任务 ${i + 1}`,
      任务来源: '民生实事',
      标签: '民生实事',
      六个一线: '基层一线',
      优先级: '一般',
      牵头单位: leads[i % leads.length],
      配合单位: leads[(i + 7) % leads.length],
      汇报频次: '每周',
      开始日期: `${year}-03-01`,
      截止日期: `${year}-12-31`,
      工作目标: '按期完成',
      指标: '完成投资:5亿元',
      交付成果: '验收报告',
      承诺: '按期完成',
      节点: `完成设计@${year}-05-31；完成施工@${year}-11-30#3`,
    };
    sheet.addRow(headers.map((h) => row[h] ?? null));
  }
  const file = Buffer.from(await workbook.xlsx.writeBuffer());
  let started = performance.now();
  const imported = (await (
    await call(baseUrl, session, 'POST', `/api/v1/task-lists/${list.id}/import`, file, XLSX)
  ).json()) as { imported: number };
  const importMs = Math.round(performance.now() - started);
  if (imported.imported !== rows) throw new Error(`imported ${imported.imported} of ${rows} rows`);
  started = performance.now();
  await (await call(baseUrl, session, 'GET', `/api/v1/tasks/export.xlsx?listId=${list.id}`)).arrayBuffer();
  const exportMs = Math.round(performance.now() - started);
  return { rows, workbookKb: Math.round(file.length / 1024), importMs, exportMs };
}

export interface THostileUploadTiming {
  workbookKb: number;
  /** What the cell inflates to, MB. */
  cellMb: number;
  uploads: number;
  statuses: number[];
  /** The slowest upload's time to its answer. */
  answerMs: number;
  rssStartMb: number;
  rssPeakMb: number;
  /** /health, asked every 50 ms meanwhile: the slowest answer and how many were asked. */
  healthMaxMs: number;
  healthSamples: number;
}

/**
 * A hostile upload through the real server: the list template whose one cell inflates to `cellMb` MB (a file of a
 * few hundred KB), posted `uploads` times at once to the task import, while /health is asked every 50 ms and the
 * server's RSS is sampled.
 */
export async function measureHostileUpload(
  baseUrl: string,
  plain: TSession,
  serverPid: number,
  cellMb: number,
  uploads: number,
): Promise<THostileUploadTiming> {
  const session = await withCsrf(baseUrl, plain);
  const { list, template } = await newListWithTemplate(baseUrl, session, '恶意上传');
  const zip = await JSZip.loadAsync(template);
  const strings = (await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '';
  zip.file(
    'xl/sharedStrings.xml',
    strings.replace(/<t( [^>]*)?>/, (open) => `${open}${'A'.repeat(cellMb * 1024 * 1024)}`),
  );
  const file = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
  });

  const sampler = await sampleProcess(serverPid, 50);
  let healthMaxMs = 0;
  let healthSamples = 0;
  let isDone = false;
  const health = (async () => {
    while (!isDone) {
      const t0 = performance.now();
      await fetch(`${baseUrl}/api/v1/health`);
      healthMaxMs = Math.max(healthMaxMs, performance.now() - t0);
      healthSamples++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const started = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: uploads }, async () => {
      const response = await fetch(`${baseUrl}/api/v1/task-lists/${list.id}/import`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX },
        body: file,
      });
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const answerMs = performance.now() - started;
  isDone = true;
  await health;
  const proc = await sampler.stop();
  return {
    workbookKb: Math.round(file.length / 1024),
    cellMb,
    uploads,
    statuses,
    answerMs: Math.round(answerMs),
    rssStartMb: proc.rssStartMb,
    rssPeakMb: proc.rssPeakMb,
    healthMaxMs: Math.round(healthMaxMs),
    healthSamples,
  };
}
