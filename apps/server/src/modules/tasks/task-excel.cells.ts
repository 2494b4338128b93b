import type { CellValue } from 'exceljs';

/** A cell's content read as a parser would: a value, or a message (in Chinese) saying what is wrong with it. */
export type TCellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): TCellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): TCellResult<T> => ({ ok: false, message });

/** The ISO date (yyyy-mm-dd) of a Date, read in UTC as Excel dates are. */
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** The most of a message about a cell that an answer carries: a cell may hold 32,767 characters, a message not. */
const MESSAGE_MAX = 160;

/** A message about a cell, cut to a short excerpt: what the file holds is never echoed at length. */
export const excerpt = (message: string): string =>
  message.length > MESSAGE_MAX ? `${message.slice(0, MESSAGE_MAX - 1)}…` : message;

/** The text of a cell whatever it holds (rich text, hyperlink, formula result …), trimmed; '' when empty. */
export function readCellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : isoOf(value);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('hyperlink' in value) return readCellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return readCellText((value.result ?? null) as CellValue);
  if ('error' in value) return String(value.error);
  return '';
}

const SEPARATORS = {
  /** Tags, co-units, deliverables: 、 or ， or , (or ； ; and line breaks). */
  items: /[、，,；;\r\n]+/,
  /** Indicators and milestones, whose parts may contain commas: ； or ; or line breaks. */
  entries: /[；;\r\n]+/,
};

/** Splits a cell listing several values into its non-empty parts, in order, without repeats. */
export function splitCellList(text: string, kind: keyof typeof SEPARATORS = 'items'): string[] {
  return [
    ...new Set(
      text
        .split(SEPARATORS[kind])
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Excel's day numbers of 2000-01-01 and 2100-12-31: a bare number between them is taken for a date. */
const SERIAL_MIN = 36_526;
const SERIAL_MAX = 73_415;

const DATE_TEXT = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?$/;

/** Reads a date cell: a real Excel date, its day number, or text like 2026-05-31, 2026/5/31 or 2026年5月31日. */
export function parseDateCell(cell: CellValue): TCellResult<string> {
  const value = cell && typeof cell === 'object' && 'result' in cell ? (cell.result ?? null) : cell;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? fail('不是有效日期') : ok(isoOf(value));
  }
  if (typeof value === 'number') {
    if (value < SERIAL_MIN || value > SERIAL_MAX) return fail(`「${value}」不是日期，请填写如 2026-05-31`);
    return ok(isoOf(new Date(Math.round((Math.floor(value) - 25_569) * 86_400_000))));
  }
  const text = readCellText(value as CellValue).normalize('NFKC');
  const match = DATE_TEXT.exec(text);
  if (!match) return fail(`「${text}」不是日期，请填写如 2026-05-31`);
  const [, y, m, d] = match;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || isoOf(date) !== iso) return fail(`「${text}」不是有效日期`);
  return ok(iso);
}

const NUMBER_AND_UNIT = /^([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)\s*(.*)$/;

/** Reads indicators written as 名称:数值单位, separated by ；— e.g. 新增市场主体:1000户；完成投资:5亿元. */
export function parseIndicatorsCell(
  text: string,
): TCellResult<{ name: string; target: number; unit?: string | undefined }[]> {
  const indicators: { name: string; target: number; unit?: string | undefined }[] = [];
  for (const entry of splitCellList(text, 'entries')) {
    const colon = entry.search(/[:：]/);
    const name = colon < 0 ? '' : entry.slice(0, colon).trim();
    const match =
      colon < 0
        ? null
        : NUMBER_AND_UNIT.exec(
            entry
              .slice(colon + 1)
              .normalize('NFKC')
              .trim(),
          );
    if (!name || !match?.[1]) return fail(`「${entry}」应写成 名称:数值单位，如 新增市场主体:1000户`);
    const target = Number(match[1].replaceAll(',', ''));
    if (!Number.isFinite(target)) return fail(`「${entry}」的数值无效`);
    const unit = match[2]?.trim();
    indicators.push({ name, target, ...(unit ? { unit } : {}) });
  }
  return ok(indicators);
}

/** Reads milestones written as 名称@日期, optionally #权重, separated by ；— e.g. 完成设计@2026-05-31#2. */
export function parseMilestonesCell(text: string): TCellResult<{ title: string; dueDate: string; weight?: number }[]> {
  const milestones: { title: string; dueDate: string; weight?: number }[] = [];
  for (const entry of splitCellList(text, 'entries')) {
    const at = Math.max(entry.lastIndexOf('@'), entry.lastIndexOf('＠'));
    const title = at < 0 ? '' : entry.slice(0, at).trim();
    const rest = at < 0 ? '' : entry.slice(at + 1).normalize('NFKC');
    const [datePart = '', weightPart, ...extra] = rest.split('#').map((s) => s.trim());
    if (!title || !datePart || extra.length) return fail(`「${entry}」应写成 名称@日期，如 完成设计@2026-05-31`);
    const date = parseDateCell(datePart);
    if (!date.ok) return fail(`节点「${title}」：${date.message}`);
    if (weightPart !== undefined && !/^\d{1,3}$/.test(weightPart)) {
      return fail(`节点「${title}」的权重应为 0–100 的整数`);
    }
    milestones.push({
      title,
      dueDate: date.value,
      ...(weightPart === undefined ? {} : { weight: Number(weightPart) }),
    });
  }
  return ok(milestones);
}
