import { FileAddOutlined } from '@ant-design/icons';
import { type TBulletinSummary, weekDays } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useReportError } from '../../app/use-report-error.ts';
import { LoadError } from '../../components/load-error.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { currentWeek, useWeekParam } from '../weekly-rollups/week-param.ts';
import { WeekPicker } from '../weekly-rollups/week-picker.tsx';
import { BULLETINS_KEY, generateBulletin, useBulletins } from './api.ts';
import { BulletinStateTag, useDocDate, useIssueLabel } from './bulletin-parts.tsx';

const PAGE_SIZE = 20;

/** The office generates a week's draft: the last full week by default, or another one picked by its week. */
function GenerateCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [week, setWeek] = useWeekParam();
  const generating = useMutation({
    mutationFn: () => generateBulletin(week),
    onSuccess: async (bulletin) => {
      void message.success(t('bulletins.generated'));
      await queryClient.invalidateQueries({ queryKey: BULLETINS_KEY });
      navigate(`/bulletins/${bulletin.id}`);
    },
    onError: (error) => report(error),
  });
  return (
    <Card size="small" data-testid="bulletin-generate-card">
      <Flex justify="space-between" align="center" gap={12} wrap>
        <WeekPicker week={week} onChange={setWeek} />
        <Flex align="center" gap={12} wrap style={{ flex: '1 1 320px', justifyContent: 'flex-end' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12, flex: '1 1 260px', maxWidth: 460 }}>
            {t('bulletins.generateHint')}
          </Typography.Text>
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            loading={generating.isPending}
            onClick={() => generating.mutate()}
            data-testid="bulletin-generate"
          >
            {week === currentWeek() ? t('bulletins.generate') : t('bulletins.generateWeek')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/** /bulletins — the bulletins, newest week first; the office generates a week's draft here. */
export function BulletinsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const bulletins = useBulletins(page, PAGE_SIZE);
  const issueOf = useIssueLabel();
  const docDate = useDocDate();
  const isPhone = Grid.useBreakpoint().sm === false;

  const titleLink = (b: TBulletinSummary) => (
    <Link to={`/bulletins/${b.id}`} style={{ fontWeight: 500, wordBreak: 'break-word' }}>
      {b.title}
    </Link>
  );
  const period = (week: string) => {
    const { first, last } = weekDays(week);
    return t('bulletins.period', { from: first, to: last });
  };
  const published = (b: TBulletinSummary) =>
    b.publishedAt ? (
      docDate(b.publishedAt)
    ) : (
      <Typography.Text type="secondary">{t('bulletins.notPublished')}</Typography.Text>
    );

  const columns: TableColumnsType<TBulletinSummary> = [
    {
      title: t('bulletins.columns.issue'),
      key: 'issue',
      render: (_v, b) => <span style={{ whiteSpace: 'nowrap' }}>{issueOf(b.week)}</span>,
    },
    { title: t('bulletins.columns.title'), key: 'title', render: (_v, b) => titleLink(b) },
    {
      title: t('bulletins.columns.period'),
      key: 'period',
      render: (_v, b) => <span style={{ whiteSpace: 'nowrap' }}>{period(b.week)}</span>,
    },
    { title: t('bulletins.columns.state'), key: 'state', render: (_v, b) => <BulletinStateTag state={b.state} /> },
    {
      title: t('bulletins.columns.publishedAt'),
      key: 'publishedAt',
      render: (_v, b) => <span style={{ whiteSpace: 'nowrap' }}>{published(b)}</span>,
    },
  ];
  const phoneColumns: TableColumnsType<TBulletinSummary> = [
    {
      key: 'bulletin',
      render: (_v, b) => (
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {issueOf(b.week)}
            </Typography.Text>
            <BulletinStateTag state={b.state} />
          </Flex>
          {titleLink(b)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {period(b.week)} · {published(b)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const data = bulletins.data;
  const canGenerate = data?.canGenerate ?? false;
  return (
    <>
      <PageHeader title={t('bulletins.title')} subtitle={t('bulletins.subtitle')} />
      <Flex vertical gap={12}>
        {canGenerate ? <GenerateCard /> : null}
        {bulletins.isError && !data ? (
          <LoadError error={bulletins.error} onRetry={() => void bulletins.refetch()} />
        ) : (
          <Card size="small">
            <Table<TBulletinSummary>
              rowKey="id"
              size="middle"
              columns={isPhone ? phoneColumns : columns}
              showHeader={!isPhone}
              dataSource={data?.items ?? []}
              loading={bulletins.isFetching}
              scroll={isPhone ? undefined : { x: 'max-content' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: data?.total ?? 0,
                onChange: setPage,
                hideOnSinglePage: true,
                showTotal: (total) => t('bulletins.count', { total }),
              }}
              onRow={(b) => ({
                onClick: (event) => {
                  if (!(event.target as HTMLElement).closest('a')) navigate(`/bulletins/${b.id}`);
                },
                style: { cursor: 'pointer' },
              })}
              locale={{ emptyText: canGenerate ? t('bulletins.emptyCanGenerate') : t('bulletins.empty') }}
              data-testid="bulletins-table"
            />
          </Card>
        )}
      </Flex>
    </>
  );
}
