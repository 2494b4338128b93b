import { FileTextOutlined, SyncOutlined } from '@ant-design/icons';
import type { TWeeklyRollupSummary } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { OverseenUnitSelect, useOverseenUnits } from '../units/overseen-units.tsx';
import { generateRollups, useWeeklyRollups, WEEKLY_REPORTS_KEY, WEEKLY_ROLLUPS_KEY } from './api.ts';
import { RollupStateTag } from './rollup-parts.tsx';
import { reportPath, useWeekParam } from './week-param.ts';
import { useWeekLabel, WeekPicker } from './week-picker.tsx';

function Count({ value, tone }: { value: number; tone?: 'warning' | 'danger' }) {
  return <Typography.Text type={value > 0 ? tone : 'secondary'}>{value}</Typography.Text>;
}

function Milestones({ rollup }: { rollup: TWeeklyRollupSummary }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type={rollup.summary.milestonesMet > 0 ? 'success' : 'secondary'}>
        {rollup.summary.milestonesMet}
      </Typography.Text>
      <Typography.Text type="secondary"> / </Typography.Text>
      <Count value={rollup.summary.milestonesMissed} tone="danger" />
    </span>
  );
}

function Confirmed({ rollup }: { rollup: TWeeklyRollupSummary }) {
  if (rollup.state !== 'confirmed') return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical>
      <span>{rollup.confirmedByName ?? '—'}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTime(rollup.confirmedAt)}
      </Typography.Text>
    </Flex>
  );
}

/** /weekly-rollups — the week's roll-ups by unit; the week and the unit live in the address. */
export function WeeklyRollupsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { hasRole } = useSession();
  const [week, setWeek] = useWeekParam();
  const [params, setParams] = useSearchParams();
  const overseen = useOverseenUnits();
  const unitId = params.get('unitId') ?? undefined;
  const rollups = useWeeklyRollups(week, unitId);
  const canGenerate = hasRole('supervisor', 'unitHead');
  const isPhone = Grid.useBreakpoint().sm === false;
  const weekLabel = useWeekLabel();

  const setUnit = (next: string | undefined) =>
    setParams((prev) => {
      const copy = new URLSearchParams(prev);
      if (next) copy.set('unitId', next);
      else copy.delete('unitId');
      return copy;
    });

  const generating = useMutation({
    mutationFn: () => generateRollups({ week, ...(unitId ? { unitId } : {}) }),
    onSuccess: async (result) => {
      void message.success(t('weeklyRollups.generated', { generated: result.generated, kept: result.kept }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: WEEKLY_ROLLUPS_KEY }),
        queryClient.invalidateQueries({ queryKey: WEEKLY_REPORTS_KEY }),
      ]);
    },
    onError: (error) => report(error),
  });

  const unitLink = (rollup: TWeeklyRollupSummary) => (
    <Link to={`/weekly-rollups/${rollup.id}`} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
      {rollup.unitName}
    </Link>
  );

  const phoneColumns: TableColumnsType<TWeeklyRollupSummary> = [
    {
      key: 'unit',
      render: (_v, rollup) => (
        <Flex vertical gap={4} data-testid="rollup-card">
          <Flex justify="space-between" align="center" gap={8}>
            {unitLink(rollup)}
            <RollupStateTag state={rollup.state} />
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('weeklyRollups.phoneLine', {
              tasks: rollup.summary.tasks,
              updated: rollup.summary.updated,
              notUpdated: rollup.summary.notUpdated,
              blockers: rollup.summary.blockers,
            })}
          </Typography.Text>
          {rollup.state === 'confirmed' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {rollup.confirmedByName} · {formatDateTime(rollup.confirmedAt)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];

  const columns: TableColumnsType<TWeeklyRollupSummary> = [
    { title: t('weeklyRollups.columns.unit'), key: 'unit', render: (_v, rollup) => unitLink(rollup) },
    {
      title: t('weeklyRollups.columns.state'),
      key: 'state',
      render: (_v, rollup) => <RollupStateTag state={rollup.state} />,
    },
    { title: t('weeklyRollups.columns.tasks'), key: 'tasks', align: 'right', render: (_v, r) => r.summary.tasks },
    {
      title: t('weeklyRollups.columns.updated'),
      key: 'updated',
      align: 'right',
      render: (_v, r) => r.summary.updated,
    },
    {
      title: t('weeklyRollups.columns.notUpdated'),
      key: 'notUpdated',
      align: 'right',
      render: (_v, r) => <Count value={r.summary.notUpdated} tone="warning" />,
    },
    { title: t('weeklyRollups.columns.closed'), key: 'closed', align: 'right', render: (_v, r) => r.summary.closed },
    {
      title: t('weeklyRollups.columns.milestones'),
      key: 'milestones',
      align: 'right',
      render: (_v, r) => <Milestones rollup={r} />,
    },
    {
      title: t('weeklyRollups.columns.blockers'),
      key: 'blockers',
      align: 'right',
      render: (_v, r) => <Count value={r.summary.blockers} tone="warning" />,
    },
    { title: t('weeklyRollups.columns.confirmed'), key: 'confirmed', render: (_v, r) => <Confirmed rollup={r} /> },
  ];

  const items = rollups.data?.items ?? [];
  const confirmedCount = items.filter((r) => r.state === 'confirmed').length;
  return (
    <>
      <PageHeader
        title={t('weeklyRollups.title')}
        subtitle={t('weeklyRollups.subtitle')}
        extra={
          <>
            <Link to={reportPath(week, unitId ?? overseen.homeUnitId)}>
              <Button icon={<FileTextOutlined />} data-testid="rollups-open-report">
                {t('weeklyRollups.openReport')}
              </Button>
            </Link>
            {canGenerate ? (
              <Button
                type="primary"
                icon={<SyncOutlined />}
                loading={generating.isPending}
                onClick={() => generating.mutate()}
                data-testid="rollups-generate"
              >
                {t('weeklyRollups.generate')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <Flex justify="space-between" align="center" gap={12} wrap>
            <WeekPicker week={week} onChange={setWeek} />
            {overseen.ids.size > 1 ? (
              <OverseenUnitSelect
                overseen={overseen}
                value={unitId}
                onChange={setUnit}
                placeholder={t('weeklyRollups.allUnits')}
                label={t('weeklyRollups.unit')}
                data-testid="rollup-unit-filter"
              />
            ) : null}
          </Flex>
        </Card>
        {rollups.isError && !rollups.data ? (
          <LoadError error={rollups.error} onRetry={() => void rollups.refetch()} />
        ) : (
          <Card size="small">
            <Table<TWeeklyRollupSummary>
              rowKey="id"
              size="middle"
              columns={isPhone ? phoneColumns : columns}
              showHeader={!isPhone}
              dataSource={items}
              loading={rollups.isFetching}
              scroll={isPhone ? undefined : { x: 'max-content' }}
              pagination={false}
              onRow={(rollup) => ({
                onClick: (event) => {
                  // The unit's link navigates by itself.
                  if (!(event.target as HTMLElement).closest('a')) navigate(`/weekly-rollups/${rollup.id}`);
                },
                style: { cursor: 'pointer' },
              })}
              locale={{
                emptyText: (
                  <span data-testid="rollups-empty">
                    {t(canGenerate ? 'weeklyRollups.emptyCanGenerate' : 'weeklyRollups.empty', {
                      week: weekLabel(week).name,
                    })}
                  </span>
                ),
              }}
              footer={
                items.length > 0
                  ? () => (
                      <Typography.Text type="secondary" data-testid="rollups-count">
                        {t('weeklyRollups.count', { total: items.length, confirmed: confirmedCount })}
                      </Typography.Text>
                    )
                  : undefined
              }
              data-testid="rollups-table"
            />
          </Card>
        )}
      </Flex>
    </>
  );
}
