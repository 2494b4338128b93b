import {
  bulletinIssue,
  issuingOffice,
  localDay,
  type TBulletin,
  type TBulletinAdmonition,
  type TBulletinNoticeCounts,
  type TBulletinState,
  type TLightRule,
} from '@duban/domain';
import ExcelJS from 'exceljs';
import { FROZEN_HEADER, fitWidths, styleHeaderRow } from '../tasks/task-excel.columns.ts';

type TCell = string | number;

/** The workbook is a county document: its words are Chinese, like the weekly report's. */
const RULE_NAMES: Record<TLightRule, string> = {
  closed: '已办结',
  pastDue: '逾期未办结',
  missedReports: '多期未报送进展',
  behindPace: '进度落后',
  dueSoon: '临近时限进度不足',
  notAcknowledged: '逾期未签收',
};
const STATE_NAMES: Record<TBulletinState, string> = { draft: '草稿', approved: '已审核待发布', published: '已发布' };
const STEP_NAMES = { urge: '催办', supervisionNotice: '督办单' } as const;

/** Sheet names, in order. */
export const BULLETIN_SHEETS = ['概况', '红灯最久任务', '红灯较多单位', '催办督办答复', '未答复事项', '约谈'] as const;

/** A timestamp as Shanghai 'YYYY-MM-DD HH:mm'. */
function shanghaiMinute(iso: string): string {
  const at = new Date(iso);
  const time = new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${localDay(at)} ${time}`;
}

/** One sheet: a bold frozen header with filters, widths fitted to the text. */
function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: TCell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: FROZEN_HEADER });
  const widths = fitWidths([headers, ...rows.map((r) => r.map(String))]);
  sheet.columns = headers.map((_, i) => ({ width: widths[i] }));
  styleHeaderRow(sheet.addRow(headers), headers.length);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  for (const row of rows) sheet.addRow(row);
}

const countsRow = (label: string, c: TBulletinNoticeCounts): TCell[] => [
  label,
  c.raised,
  c.answeredOnTime,
  c.answeredLate,
  c.unanswered,
];

const admonitionRow = (kind: string, a: TBulletinAdmonition): TCell[] => [
  kind,
  a.taskTitle,
  a.unitName,
  shanghaiMinute(a.raisedAt),
  a.outcome ?? '待记录',
  a.outcomeAt ? shanghaiMinute(a.outcomeAt) : '',
];

/** The bulletin as a workbook: an overview, then one sheet per section of the printed bulletin. */
export async function writeBulletinWorkbook(bulletin: TBulletin): Promise<Buffer> {
  const { content: c } = bulletin;
  const { year, number } = bulletinIssue(bulletin.week);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duban 督办';
  const [overview, delays, units, notices, unanswered, admonitions] = BULLETIN_SHEETS;
  addSheet(
    workbook,
    overview,
    ['项目', '内容'],
    [
      ['标题', bulletin.title],
      ['期号', `${year}年第${number}期`],
      ['发文单位', issuingOffice(c.countyName)],
      ['统计周期', `${c.from} 至 ${c.to}`],
      ['数据截至', shanghaiMinute(c.asOf)],
      ['状态', STATE_NAMES[bulletin.state]],
      ['发布时间', bulletin.publishedAt ? shanghaiMinute(bulletin.publishedAt) : ''],
      ['按语', bulletin.foreword ?? ''],
      ['在办任务（项）', c.totals.live],
      ['绿灯（项）', c.totals.green],
      ['黄灯（项）', c.totals.yellow],
      ['红灯（项）', c.totals.red],
      ['本周办结（项）', c.totals.closedInWeek],
    ],
  );
  addSheet(
    workbook,
    delays,
    ['序号', '任务', '牵头单位', '责任人', '亮红灯时间', '红灯天数', '完成时限', '进度', '亮灯原因'],
    c.topDelays.map((d, i) => [
      i + 1,
      d.title,
      d.leadUnitName,
      d.ownerName ?? '',
      shanghaiMinute(d.redSince),
      d.daysRed,
      d.dueDate,
      `${d.progress}%`,
      d.rules.map((r) => RULE_NAMES[r]).join('、'),
    ]),
  );
  addSheet(
    workbook,
    units,
    ['序号', '牵头单位', '红灯（项）', '黄灯（项）', '在办任务（项）'],
    c.redUnits.map((u, i) => [i + 1, u.unitName, u.red, u.yellow, u.total]),
  );
  addSheet(
    workbook,
    notices,
    ['措施', '本周发出', '按时答复', '逾期答复', '未答复'],
    [
      countsRow(STEP_NAMES.urge, c.notices.urge),
      countsRow(STEP_NAMES.supervisionNotice, c.notices.supervisionNotice),
      countsRow('合计', c.notices.total),
    ],
  );
  addSheet(
    workbook,
    unanswered,
    ['任务', '牵头单位', '措施', '发出时间', '答复期限', '是否逾期'],
    c.notices.unanswered.map((n) => [
      n.taskTitle,
      n.unitName,
      STEP_NAMES[n.step],
      shanghaiMinute(n.raisedAt),
      n.answerDueOn ?? '',
      n.isOverdue ? '已逾期' : '未到期',
    ]),
  );
  addSheet(
    workbook,
    admonitions,
    ['类别', '任务', '牵头单位', '提请时间', '约谈结果', '记录时间'],
    [
      ...c.admonitions.flaggedItems.map((a) => admonitionRow('本周提请约谈', a)),
      ...c.admonitions.outcomeItems.map((a) => admonitionRow('本周记录结果', a)),
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
