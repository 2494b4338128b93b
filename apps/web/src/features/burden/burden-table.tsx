import type { TBurdenRow } from '@duban/domain';
import { Grid, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type TFigure = Exclude<keyof TBurdenRow, 'id' | 'name'>;

/** Minutes, to a tenth, from seconds. */
const minutesOf = (seconds: number): string => (seconds / 60).toFixed(1);

/** The figures of a row; minutes open are shown from the seconds. */
const FIGURES: TFigure[] = ['people', 'entriesAsked', 'fieldsAsked', 'entriesMade', 'fieldsFilled', 'secondsOpen'];
/** What a phone shows, without scrolling sideways: what was asked, what was entered, and the time it took. */
const PHONE_FIGURES: TFigure[] = ['entriesAsked', 'entriesMade', 'secondsOpen'];

interface TBurdenTableProps {
  rows: TBurdenRow[];
  kind: 'unit' | 'person';
  /** The name cell: a link to drill into a unit, or the person's name. */
  renderName?: (row: TBurdenRow) => ReactNode;
  onRowClick?: (row: TBurdenRow) => void;
  testId: string;
  /** The week's name, for the empty state. */
  weekName: string;
}

/** Rows of what the platform asked and what was entered, in the order given, with their totals. */
export function BurdenTable({ rows, kind, renderName, onRowClick, testId, weekName }: TBurdenTableProps) {
  const { t } = useTranslation();
  const isWide = Grid.useBreakpoint().md !== false;
  const figures = (isWide ? FIGURES : PHONE_FIGURES).filter((f) => kind === 'unit' || f !== 'people');
  const total = (f: TFigure) => rows.reduce((s, r) => s + r[f], 0);
  const show = (f: TFigure, value: number) => (f === 'secondsOpen' ? minutesOf(value) : value);
  const columns: TableColumnsType<TBurdenRow> = [
    {
      title: kind === 'unit' ? t('burden.columns.unit') : t('burden.columns.person'),
      key: 'name',
      render: (_v, row) => (renderName ? renderName(row) : row.name),
    },
    ...figures.map((f) => ({
      title: t(`burden.columns.${f}`),
      key: f,
      align: 'right' as const,
      render: (_v: unknown, row: TBurdenRow) => show(f, row[f]),
    })),
  ];
  return (
    <Table<TBurdenRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={
        onRowClick
          ? (row) => ({
              onClick: (event) => {
                if (!(event.target as HTMLElement).closest('a')) onRowClick(row);
              },
              style: { cursor: 'pointer' },
            })
          : undefined
      }
      locale={{
        emptyText: (
          <span data-testid={`${testId}-empty`}>
            {t(kind === 'unit' ? 'burden.empty' : 'burden.emptyPeople', { week: weekName })}
          </span>
        ),
      }}
      summary={() =>
        rows.length > 1 ? (
          <Table.Summary.Row data-testid={`${testId}-total`}>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('burden.total')}</Typography.Text>
            </Table.Summary.Cell>
            {figures.map((f, i) => (
              <Table.Summary.Cell key={f} index={i + 1} align="right">
                <Typography.Text strong>{show(f, total(f))}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : undefined
      }
      data-testid={testId}
    />
  );
}
