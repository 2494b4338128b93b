import { TASK_STATE_LABELS, type TWeeklyReport } from '@duban/domain';
import ExcelJS from 'exceljs';
import { FROZEN_HEADER, fitWidths, styleHeaderRow } from '../tasks/task-excel.columns.ts';

type TCell = string | number;

/** Writes one sheet: a bold frozen header with filters, widths fitted to the text. */
function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: TCell[][]): void {
  const sheet = workbook.addWorksheet(name, { views: FROZEN_HEADER });
  const widths = fitWidths([headers, ...rows.map((r) => r.map(String))]);
  sheet.columns = headers.map((_, i) => ({ width: widths[i] }));
  styleHeaderRow(sheet.addRow(headers), headers.length);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  for (const row of rows) sheet.addRow(row);
}

const lines = (items: string[]) => items.join('\n');

/** The weekly report as a workbook: a sheet of units (the confirmed roll-ups, then those pending) and one of tasks. */
export async function writeWeeklyReportWorkbook(report: TWeeklyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duban 督办';
  addSheet(
    workbook,
    '单位周结',
    ['单位', '任务数', '本周更新', '未更新', '办结', '完成节点', '逾期节点', '有堵点', '确认人', '确认时间', '批注'],
    [
      ...report.rollups.map((r) => [
        r.unitName,
        r.summary.tasks,
        r.summary.updated,
        r.summary.notUpdated,
        r.summary.closed,
        r.summary.milestonesMet,
        r.summary.milestonesMissed,
        r.summary.blockers,
        r.confirmedByName ?? '',
        r.confirmedAt ? r.confirmedAt.slice(0, 16).replace('T', ' ') : '',
        r.annotation ?? '',
      ]),
      ...report.pending.map((p) => [p.unitName, '', '', '', '', '', '', '', '待确认', '', '']),
    ],
  );
  addSheet(
    workbook,
    '任务周结',
    ['单位', '任务', '责任人', '状态', '周初进度', '周末进度', '本周完成', '下步计划', '堵点', '完成节点', '逾期节点'],
    report.rollups.flatMap((r) =>
      r.tasks.map((t) => [
        r.unitName,
        t.title,
        t.ownerName ?? '',
        TASK_STATE_LABELS[t.state],
        `${t.progressStart}%`,
        `${t.progressEnd}%`,
        lines(t.done),
        t.next ?? '',
        lines(t.blockers),
        lines(t.milestonesMet.map((m) => `${m.title}（${m.doneOn}）`)),
        lines(t.milestonesMissed.map((m) => `${m.title}（${m.dueDate}）`)),
      ]),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
