import type { TTargetAccumulation } from '@duban/domain';

/** The name of the workbook's sheet of actuals, and of its instructions sheet. */
export const ACTUALS_SHEET_NAME = '实绩';
export const ACTUALS_GUIDE_SHEET_NAME = '说明';

/** The fields of a row of the actuals workbook, each under its Chinese header. */
export type TActualsKey =
  | 'target'
  | 'unit'
  | 'month'
  | 'value'
  | 'measure'
  | 'note'
  | 'accumulation'
  | 'amount'
  | 'lastMonth'
  | 'toDate'
  | 'targetId'
  | 'unitId';

export interface TActualsColumn {
  key: TActualsKey;
  header: string;
  /** Width in characters (a Chinese character counts two). */
  width: number;
  /** Read back on import; the other columns only inform whoever fills the sheet. */
  isInput: boolean;
  required: boolean;
  /** Kept out of sight: the ids that match a row exactly. */
  isHidden: boolean;
  hint: string;
}

const column = (
  key: TActualsKey,
  header: string,
  width: number,
  hint: string,
  opts: Partial<Pick<TActualsColumn, 'isInput' | 'required' | 'isHidden'>> = {},
): TActualsColumn => ({
  key,
  header,
  width,
  hint,
  isInput: opts.isInput ?? false,
  required: opts.required ?? false,
  isHidden: opts.isHidden ?? false,
});

/** The workbook's columns, in order. */
export const ACTUALS_COLUMNS: readonly TActualsColumn[] = [
  column('target', '目标', 24, '从下拉中选择年度目标', { isInput: true, required: true }),
  column('unit', '单位', 24, '从下拉中选择单位；全县口径填县名或“全县”', { isInput: true, required: true }),
  column('month', '月份', 8, '1–12，不能晚于当前月份', { isInput: true, required: true }),
  column('value', '数值', 14, '按“填报口径”填写；为空的行不导入', { isInput: true, required: true }),
  column('measure', '计量单位', 10, '仅供参考，导入时不读取'),
  column('note', '备注', 30, '200 字以内，可不填', { isInput: true }),
  column('accumulation', '填报口径', 14, '1–N 月累计：截至该月末的累计数；当月数：该月当月的数'),
  column('amount', '年度目标', 14, '该单位分解到的年度任务数（全县行为全县目标）'),
  column('lastMonth', '已报至', 10, '已填报的最近月份'),
  column('toDate', '至今实绩', 14, '已填报的累计实绩'),
  column('targetId', '目标编号', 38, '用于精确匹配，请勿修改', { isInput: true, isHidden: true }),
  column('unitId', '单位编号', 38, '用于精确匹配，请勿修改', { isInput: true, isHidden: true }),
];

/** How each way of reporting reads in the workbook. */
export const ACCUMULATION_LABELS: Record<TTargetAccumulation, string> = {
  cumulative: '1–N月累计',
  monthly: '当月数',
};

/** What the county's own row may be called in the 单位 column besides the unit's name. */
export const COUNTY_ALIASES = ['全县', '全县合计', '全县口径'];
