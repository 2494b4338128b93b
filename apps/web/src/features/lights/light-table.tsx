import { RightOutlined } from '@ant-design/icons';
import { type TLightGrouping, type TLightRow, type TUnitCategory, totalOfCounts } from '@duban/domain';
import { Flex, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LightBadge } from '../../components/light-badge.tsx';
import { CategoryTag } from '../../components/tags.tsx';
import { tasksPath } from './api.ts';
import { BOARD_LIGHTS, LightCount, LightShareBar } from './light-counts.tsx';

/** A row of the board; `isOwn` marks the drilled unit's own tasks (本单位牵头), apart from its child units'. */
export type TBoardRow = TLightRow & { isOwn: boolean };

interface TLightTableProps {
  by: TLightGrouping;
  rows: TBoardRow[];
  isLoading: boolean;
  /** The board's address drilled into a unit. */
  drillPath: (unitId: string) => string;
}

const rowKey = (row: TBoardRow) => `${row.isOwn ? 'own' : 'row'}:${row.key ?? ''}`;

/** The rows of the board: name (drilling down when it has child units), light, counts per colour, their shares. */
export function LightTable({ by, rows, isLoading, drillPath }: TLightTableProps) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().sm === false;

  /** The task list behind a row, optionally of one colour; a leader-less row has none. */
  const linkOf = (row: TBoardRow, light?: Parameters<typeof tasksPath>[2]) =>
    row.key === null ? undefined : tasksPath(by, row.key, light, row.isOwn);

  const nameOf = (row: TBoardRow) => {
    if (row.isOwn) return <Typography.Text strong>{row.name}</Typography.Text>;
    const name = row.name || (by === 'leader' ? t('lightBoard.noLeader') : '—');
    if (by === 'unit' && row.hasChildren && row.key) {
      return (
        <Link to={drillPath(row.key)} style={{ fontWeight: 500 }} data-testid="lights-drill">
          {name} <RightOutlined style={{ fontSize: 10 }} />
        </Link>
      );
    }
    return <span style={{ fontWeight: 500 }}>{name}</span>;
  };

  const nameCell = (row: TBoardRow) => (
    <Flex align="center" gap={8} wrap>
      {nameOf(row)}
      {row.category ? <CategoryTag category={row.category as TUnitCategory} /> : null}
    </Flex>
  );

  const viewTasks = (row: TBoardRow) => {
    const to = linkOf(row);
    const total = totalOfCounts(row.counts);
    return to && total > 0 ? (
      <Link to={to} data-testid="lights-view-tasks">
        {t('lightBoard.viewTasks')}
      </Link>
    ) : null;
  };

  const nameTitle = t(`lightBoard.columns.${by}`);
  const columns: TableColumnsType<TBoardRow> = [
    { title: nameTitle, key: 'name', render: (_v, row) => nameCell(row) },
    { title: t('lightBoard.columns.light'), key: 'light', render: (_v, row) => <LightBadge light={row.light} /> },
    ...BOARD_LIGHTS.map((light) => ({
      title: t(`lights.${light}`),
      key: light,
      align: 'right' as const,
      render: (_v: unknown, row: TBoardRow) => (
        <LightCount light={light} count={row.counts[light]} to={linkOf(row, light)} />
      ),
    })),
    {
      title: t('lightBoard.columns.share'),
      key: 'share',
      render: (_v, row) => <LightShareBar counts={row.counts} />,
    },
    { title: t('common.actions'), key: 'actions', render: (_v, row) => viewTasks(row) },
  ];

  const phoneColumns: TableColumnsType<TBoardRow> = [
    {
      key: 'row',
      render: (_v, row) => (
        <Flex vertical gap={6} data-testid="lights-card">
          <Flex justify="space-between" align="center" gap={8}>
            {nameCell(row)}
            <LightBadge light={row.light} />
          </Flex>
          <Flex justify="space-between" align="center" gap={8}>
            <Flex gap={12}>
              {BOARD_LIGHTS.map((light) => (
                <span key={light} style={{ whiteSpace: 'nowrap' }}>
                  <Typography.Text type="secondary">{t(`lights.short.${light}`)} </Typography.Text>
                  <LightCount light={light} count={row.counts[light]} to={linkOf(row, light)} />
                </span>
              ))}
            </Flex>
            {viewTasks(row)}
          </Flex>
          <LightShareBar counts={row.counts} width="100%" />
        </Flex>
      ),
    },
  ];

  return (
    <Table<TBoardRow>
      rowKey={rowKey}
      size="middle"
      columns={isPhone ? phoneColumns : columns}
      showHeader={!isPhone}
      dataSource={rows}
      loading={isLoading}
      pagination={false}
      scroll={isPhone ? undefined : { x: 'max-content' }}
      onRow={(row) => ({ style: row.isOwn ? { background: '#fafcff' } : undefined })}
      locale={{ emptyText: t('lightBoard.empty') }}
      data-testid="lights-table"
    />
  );
}
