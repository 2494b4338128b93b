import type { Row, WorksheetView } from 'exceljs';

/** The fields of a task row in the import template, each under its Chinese header. */
export type TImportKey =
  | 'title'
  | 'source'
  | 'tags'
  | 'frontLine'
  | 'priority'
  | 'leadLeader'
  | 'leadUnit'
  | 'coUnits'
  | 'owner'
  | 'cadence'
  | 'startDate'
  | 'dueDate'
  | 'goal'
  | 'indicators'
  | 'deliverables'
  | 'pledge'
  | 'milestones';

export interface TImportColumn {
  key: TImportKey;
  header: string;
  required: boolean;
  /** Width in characters (a Chinese character counts two). */
  width: number;
  /** How to fill it, for the instructions sheet. */
  hint: string;
}

const column = (key: TImportKey, header: string, width: number, hint: string, required = false): TImportColumn => ({
  key,
  header,
  required,
  width,
  hint,
});

/** The template's columns, in order; a required column's header carries a *. */
export const IMPORT_COLUMNS: readonly TImportColumn[] = [
  column('title', '任务名称', 36, '必填，200 字以内', true),
  column('source', '任务来源', 14, '从下拉中选择；不填为“其他”'),
  column('tags', '标签', 22, '可填多个，用 、或 ，分隔，如 十件大事、民生实事'),
  column('frontLine', '六个一线', 12, '从下拉中选择，可不填'),
  column('priority', '优先级', 10, '一般 / 重要 / 紧急；不填为“一般”'),
  column('leadLeader', '牵头领导', 12, '县级领导的姓名或用户名，可不填'),
  column('leadUnit', '牵头单位', 26, '必填，从下拉中选择（限您管辖范围内的单位）', true),
  column('coUnits', '配合单位', 32, '单位名称，多个用 、或 ，分隔'),
  column('owner', '责任人', 12, '姓名或用户名，须在牵头单位或配合单位工作；重名时请填用户名'),
  column('cadence', '汇报频次', 10, '每日 / 每周 / 按节点；不填为“每周”'),
  column('startDate', '开始日期', 12, '必填，日期或 2026-03-01 格式的文字', true),
  column('dueDate', '截止日期', 12, '必填，不早于开始日期', true),
  column('goal', '工作目标', 40, '2000 字以内'),
  column('indicators', '指标', 36, '名称:数值单位，多个用 ；分隔，如 新增市场主体:1000户；完成投资:5亿元'),
  column('deliverables', '交付成果', 30, '多个用 、或 ；分隔'),
  column('pledge', '承诺', 30, '2000 字以内'),
  column(
    'milestones',
    '节点',
    48,
    '名称@日期，可加 #权重，多个用 ；分隔，如 完成设计@2026-05-31；完成施工@2026-11-30#3',
  ),
];

/** The header of the column an error workbook adds; ignored when the corrected workbook comes back. */
export const ERROR_COLUMN_HEADER = '错误说明';

/** The header cell's text as the template writes it. */
export const formatHeader = (c: TImportColumn) => (c.required ? `${c.header}*` : c.header);

/** A header cell's text without the required mark, spaces or line breaks. */
export function normaliseHeader(text: string): string {
  return text.replace(/[\s*＊]/g, '');
}

/** How wide a text shows in a cell, in Excel's character units: East Asian characters count two. */
export function measureDisplayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return width;
}

/** Each column's width to fit its longest text (header included), within bounds. */
export function fitWidths(texts: string[][], bounds = { min: 6, max: 60 }): number[] {
  const widths: number[] = [];
  for (const row of texts) {
    row.forEach((text, i) => {
      const longestLine = Math.max(...text.split('\n').map(measureDisplayWidth));
      widths[i] = Math.max(widths[i] ?? 0, longestLine);
    });
  }
  return widths.map((w) => Math.min(bounds.max, Math.max(bounds.min, w + 2)));
}

/** The frozen header row of a sheet. */
export const FROZEN_HEADER: Partial<WorksheetView>[] = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];

/** Bold, shaded header cells. */
export function styleHeaderRow(header: Row, columnCount: number): void {
  header.height = 22;
  for (let i = 1; i <= columnCount; i++) {
    const cell = header.getCell(i);
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF9BC2E6' } } };
  }
}

/**
 * A Content-Disposition value for a download: a safe ASCII filename for old clients and the real (Chinese) name
 * percent-encoded as RFC 6266 / 5987 describe.
 */
export function formatAttachmentDisposition(asciiName: string, name: string): string {
  const safe = asciiName.replace(/[^\w.-]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${safe}"; filename*=UTF-8''${encoded}`;
}
