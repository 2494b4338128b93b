import { latestReportableMonth, MONTHS_IN_YEAR, monthsGone } from '@duban/domain';
import ExcelJS from 'exceljs';
import { FROZEN_HEADER, styleHeaderRow } from '../tasks/task-excel.columns.ts';
import {
  ACCUMULATION_LABELS,
  ACTUALS_COLUMNS,
  ACTUALS_GUIDE_SHEET_NAME,
  ACTUALS_SHEET_NAME,
  COUNTY_ALIASES,
  type TActualsKey,
} from './actuals-excel.columns.ts';
import type { TReportableRow } from './actuals-excel.repo.ts';

const OPTIONS_SHEET = '选项';
/** How many rows of the sheet the drop-downs cover: the template's rows and room for more. */
const EXTRA_ROWS = 500;
const INFO_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

/** exceljs keeps range validations on the sheet but leaves them out of its type declarations. */
type TSheetWithValidations = ExcelJS.Worksheet & {
  dataValidations: { add: (range: string, validation: ExcelJS.DataValidation) => void };
};

const columnNumber = (key: TActualsKey) => ACTUALS_COLUMNS.findIndex((c) => c.key === key) + 1;

/** A list validation on a column, from a range or inline choices; other text is refused with a message. */
function addDropDown(sheet: ExcelJS.Worksheet, key: TActualsKey, lastRow: number, formula: string, error: string) {
  const letter = sheet.getColumn(columnNumber(key)).letter;
  (sheet as TSheetWithValidations).dataValidations.add(`${letter}2:${letter}${lastRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: ACTUALS_COLUMNS[columnNumber(key) - 1]?.header ?? key,
    error,
  });
}

/** The choices of the target and unit drop-downs, on a hidden sheet (an inline list is capped at 255 characters). */
function addChoiceLists(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, rows: TReportableRow[], lastRow: number) {
  const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const lists: [TActualsKey, string[]][] = [
    ['target', [...new Set(rows.map((r) => r.targetName))]],
    [
      'unit',
      [
        ...new Set([
          ...rows.map((r) => r.unitName),
          ...(rows.some((r) => r.isCounty) ? [COUNTY_ALIASES[0] ?? '全县'] : []),
        ]),
      ],
    ],
  ];
  lists.forEach(([key, choices], i) => {
    const column = options.getColumn(i + 1);
    column.values = [ACTUALS_COLUMNS[columnNumber(key) - 1]?.header ?? key, ...choices];
    column.width = 28;
    if (choices.length === 0) return;
    const range = `'${OPTIONS_SHEET}'!$${column.letter}$2:$${column.letter}$${choices.length + 1}`;
    addDropDown(sheet, key, lastRow, range, '请从下拉列表中选择');
  });
  const months = Array.from({ length: MONTHS_IN_YEAR }, (_, i) => i + 1).join(',');
  addDropDown(sheet, 'month', lastRow, `"${months}"`, '月份应为 1–12');
}

/** The instructions sheet: the rules of reporting, and the targets of the sheet with how each is reported. */
function addGuide(workbook: ExcelJS.Workbook, rows: TReportableRow[], year: number, latestMonth: number) {
  const guide = workbook.addWorksheet(ACTUALS_GUIDE_SHEET_NAME);
  guide.addRow([`${year} 年度目标实绩填报说明`]).font = { bold: true, size: 14 };
  const lines = [
    `在“${ACTUALS_SHEET_NAME}”工作表中每行填写一个目标、一个单位、一个月份的实绩；“数值”为空的行不导入。`,
    '按“填报口径”填写：“1–N月累计”填截至该月末的累计数；“当月数”只填该月当月的数。',
    latestMonth === 0
      ? `${year} 年尚未开始，暂不能填报。`
      : `月份为 1–12，不能晚于当前月份（目前最多填报到 ${latestMonth} 月）。`,
    '同一目标、单位、月份再次导入即更正原数值，更正前后的数值均留痕可查。',
    '计数类（户、家、个等）填整数；金额类最多两位小数；除增速类外不得为负数。',
    `单位为县名（或“${COUNTY_ALIASES[0]}”）的行是全县口径数，由统计部门填报；未填报时，全县实绩按各单位之和计算。`,
    '导入时逐行检查，任何一行有错都不会导入；返回的工作簿在最后一列“错误说明”中标出问题，修改后可直接重新导入。',
    '隐藏的“目标编号”“单位编号”两列用于精确匹配，请勿修改；新增的行只填目标和单位名称即可。',
  ];
  for (const line of lines) guide.addRow([line]);
  guide.addRow([]);
  if (rows.length === 0) {
    guide.addRow([`您在 ${year} 年没有需要填报的目标。`]).font = { bold: true };
  } else {
    const header = guide.addRow(['目标', '计量单位', '填报口径', '可填报单位数']);
    header.font = { bold: true };
    const byTarget = new Map<string, { row: TReportableRow; units: number }>();
    for (const row of rows) {
      const entry = byTarget.get(row.targetId) ?? { row, units: 0 };
      entry.units += 1;
      byTarget.set(row.targetId, entry);
    }
    for (const { row, units } of byTarget.values()) {
      guide.addRow([row.targetName, row.measure, ACCUMULATION_LABELS[row.accumulation], units]);
    }
  }
  guide.getColumn(1).width = 90;
  guide.getColumn(2).width = 10;
  guide.getColumn(3).width = 14;
  guide.getColumn(4).width = 14;
}

/** The figure format of a kind: whole numbers for counts, two decimals otherwise. */
const figureFormat = (row: TReportableRow) => (row.kind === 'count' ? '#,##0' : '#,##0.00');

/**
 * Writes the actuals workbook: the sheet 实绩 (one row per reportable target and unit, month set to the month to
 * report now, 数值 blank; reference columns shaded; hidden ids), the hidden choices, and the sheet 说明.
 */
export async function writeActualsTemplate(rows: TReportableRow[], year: number, today: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duban 督办';
  const sheet = workbook.addWorksheet(ACTUALS_SHEET_NAME, { views: FROZEN_HEADER });
  sheet.addRow(ACTUALS_COLUMNS.map((c) => c.header));
  styleHeaderRow(sheet.getRow(1), ACTUALS_COLUMNS.length);
  ACTUALS_COLUMNS.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    column.hidden = c.isHidden;
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = c.hint;
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  const latestMonth = latestReportableMonth(year, today);
  // The month that is due: the last month gone (figures come in after a month ends), or January early in the year.
  const dueMonth = latestMonth === 0 ? null : Math.max(1, monthsGone(year, today));
  for (const r of rows) {
    const values: Record<TActualsKey, ExcelJS.CellValue> = {
      target: r.targetName,
      unit: r.unitName,
      month: dueMonth,
      value: null,
      measure: r.measure,
      note: null,
      accumulation: ACCUMULATION_LABELS[r.accumulation],
      amount: r.amount,
      lastMonth: r.lastMonth,
      toDate: r.toDate,
      targetId: r.targetId,
      unitId: r.unitId,
    };
    const row = sheet.addRow(ACTUALS_COLUMNS.map((c) => values[c.key]));
    ACTUALS_COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (!c.isInput) cell.fill = INFO_FILL;
      if (c.key === 'amount' || c.key === 'toDate') cell.numFmt = figureFormat(r);
      if (c.key === 'lastMonth') cell.numFmt = '0"月"';
    });
  }
  addChoiceLists(workbook, sheet, rows, rows.length + 1 + EXTRA_ROWS);
  addGuide(workbook, rows, year, latestMonth);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
