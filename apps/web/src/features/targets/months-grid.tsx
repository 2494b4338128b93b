import { latestReportableMonth, paceDay, type TActual, type TTarget } from '@duban/domain';
import { Card, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { formatFigure, MONTHS, monthName } from './target-format.ts';

interface TGridCell {
  value: number | null;
  /** The row on record behind the figure; none for the county's sum of the units. */
  actual?: TActual;
}

interface TGridRow {
  key: string;
  name: string;
  isCounty: boolean;
  /** A unit with actuals on record whose allocation was since taken away. */
  isFormer: boolean;
  cells: Map<number, TGridCell>;
}

/** The grid's rows: the county's figures first, then each allocated unit's, then units allocated before. */
function rowsOf(target: TTarget, actuals: TActual[], countyLabel: string): TGridRow[] {
  const byUnit = new Map<string, TActual[]>();
  for (const a of actuals) byUnit.set(a.unit.id, [...(byUnit.get(a.unit.id) ?? []), a]);
  const cellsOf = (unitId: string) =>
    new Map((byUnit.get(unitId) ?? []).map((a) => [a.month, { value: a.value, actual: a }]));

  const countyRows = byUnit.get(target.unit.id) ?? [];
  const county: TGridRow = {
    key: target.unit.id,
    name: countyLabel,
    isCounty: true,
    isFormer: false,
    cells: new Map(
      target.months.map((m) => [m.month, { value: m.actual, actual: countyRows.find((a) => a.month === m.month) }]),
    ),
  };
  const allocated = new Set(target.allocations.map((a) => a.unit.id));
  const former = [...byUnit.entries()]
    .filter(([unitId]) => unitId !== target.unit.id && !allocated.has(unitId))
    .map(([unitId, list]) => ({
      key: unitId,
      name: list[0]?.unit.name ?? unitId,
      isCounty: false,
      isFormer: true,
      cells: cellsOf(unitId),
    }));
  return [
    county,
    ...target.allocations.map((a) => ({
      key: a.unit.id,
      name: a.unit.name,
      isCounty: false,
      isFormer: false,
      cells: cellsOf(a.unit.id),
    })),
    ...former,
  ];
}

/** One month's figure; on hover, who reported it and when, and the note. */
function GridCell({ cell, month, isFuture }: { cell: TGridCell | undefined; month: number; isFuture: boolean }) {
  const { t } = useTranslation();
  if (!cell || cell.value === null) {
    return (
      <Typography.Text type="secondary" style={{ opacity: isFuture ? 0.4 : 1 }} data-month={month}>
        —
      </Typography.Text>
    );
  }
  const figure = (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-month={month}>
      {formatFigure(cell.value)}
    </span>
  );
  if (!cell.actual) {
    return <Tooltip title={t('targets.months.sumOfUnits')}>{figure}</Tooltip>;
  }
  const { reportedBy, reportedAt, note } = cell.actual;
  return (
    <Tooltip
      title={
        <>
          {t('targets.months.reportedBy', { name: reportedBy.name, at: formatDateTime(reportedAt) })}
          {note ? <div>{note}</div> : null}
        </>
      }
    >
      {figure}
    </Tooltip>
  );
}

const UNIT_WIDTH = 120;
const MONTH_WIDTH = 64;

/** Units × months: every figure on record (the units' as reported, the county's as reported or summed). */
export function MonthsGrid({ target, actuals }: { target: TTarget; actuals: TActual[] | undefined }) {
  const { t } = useTranslation();
  const latest = latestReportableMonth(target.year, paceDay());
  const countyLabel = t('targets.countyFigure', { unit: target.unit.name });
  const frame = useRef<HTMLDivElement>(null);
  const isLoaded = Boolean(actuals);
  // Where the grid is narrower than the year (a phone), it opens at the latest month rather than January.
  useEffect(() => {
    const scroller = frame.current?.querySelector<HTMLElement>('.ant-table-content');
    if (!isLoaded || !scroller) return;
    scroller.scrollLeft = Math.max(0, UNIT_WIDTH + Math.max(latest, 1) * MONTH_WIDTH - scroller.clientWidth);
  }, [isLoaded, latest]);
  const columns: TableColumnsType<TGridRow> = [
    {
      title: t('targets.months.unit'),
      key: 'unit',
      fixed: 'left',
      width: UNIT_WIDTH,
      render: (_v, row) => (
        <Typography.Text
          strong={row.isCounty}
          type={row.isFormer ? 'secondary' : undefined}
          style={{ wordBreak: 'break-word' }}
        >
          {row.name}
          {row.isFormer ? ` ${t('targets.months.former')}` : ''}
        </Typography.Text>
      ),
    },
    ...MONTHS.map((month) => ({
      title: monthName(month),
      key: `m${month}`,
      align: 'right' as const,
      width: MONTH_WIDTH,
      render: (_v: unknown, row: TGridRow) => (
        <GridCell cell={row.cells.get(month)} month={month} isFuture={month > latest} />
      ),
    })),
  ];
  return (
    <Card
      size="small"
      title={t('targets.months.title')}
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(`targets.months.${target.accumulation}`)}
        </Typography.Text>
      }
      data-testid="months-grid"
    >
      <div ref={frame}>
        <Table<TGridRow>
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={actuals ? rowsOf(target, actuals, countyLabel) : []}
          loading={!actuals}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </div>
    </Card>
  );
}
