import { ArrowLeftOutlined, FileTextOutlined } from '@ant-design/icons';
import { type TWeeklyRollup, zId } from '@duban/domain';
import { Button, Card, Col, Flex, Grid, Row, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../app/api-client.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useWeeklyRollup } from './api.ts';
import { ConfirmRollupCard } from './confirm-rollup-card.tsx';
import { ConfirmationNote, RollupFigures, RollupLines, RollupStateTag } from './rollup-parts.tsx';
import { RollupTasks } from './rollup-tasks.tsx';
import { reportPath } from './week-param.ts';
import { useWeekLabel } from './week-picker.tsx';

function RollupDetail({ rollup }: { rollup: TWeeklyRollup }) {
  const { t } = useTranslation();
  const week = useWeekLabel()(rollup.week);
  const isPhone = Grid.useBreakpoint().md === false;
  return (
    <>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="rollup-title">{t('weeklyRollups.rollupTitle', { unit: rollup.unitName })}</span>
            <RollupStateTag state={rollup.state} />
          </Flex>
        }
        subtitle={
          <Flex gap="4px 12px" wrap>
            <Link to={`/weekly-rollups?week=${rollup.week}`}>
              <ArrowLeftOutlined /> {t('weeklyRollups.backToList')}
            </Link>
            <span data-testid="rollup-week">
              {week.name}（{week.range}）
            </span>
            <span>{t('weeklyRollups.generatedAt', { at: formatDateTime(rollup.generatedAt) })}</span>
          </Flex>
        }
        extra={
          <Link to={reportPath(rollup.week, rollup.unitId)}>
            <Button icon={<FileTextOutlined />} data-testid="rollup-open-report">
              {t('weeklyRollups.openReport')}
            </Button>
          </Link>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <RollupFigures summary={rollup.summary} />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={8}>
            <Card size="small" title={t('weeklyRollups.highlights')} style={{ height: '100%' }}>
              <RollupLines
                lines={rollup.summary.highlights}
                emptyText={t('weeklyRollups.noHighlights')}
                testId="rollup-highlights"
              />
            </Card>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Card size="small" title={t('weeklyRollups.blockerLines')} style={{ height: '100%' }}>
              <RollupLines
                lines={rollup.summary.blockerLines}
                emptyText={t('weeklyRollups.noBlockers')}
                testId="rollup-blockers"
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            {rollup.canConfirm ? (
              <ConfirmRollupCard rollup={rollup} />
            ) : (
              <Card size="small" title={t('weeklyRollups.confirm.title')} style={{ height: '100%' }}>
                <ConfirmationNote rollup={rollup} />
              </Card>
            )}
          </Col>
        </Row>
        <Card size="small" title={t('weeklyRollups.tasks.title', { count: rollup.tasks.length })}>
          <RollupTasks tasks={rollup.tasks} isPhone={isPhone} />
        </Card>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('weeklyRollups.noTyping')}
        </Typography.Text>
      </Flex>
    </>
  );
}

/** /weekly-rollups/:id — one unit's week; unknown or out-of-scope ids show the not-found page. */
export function WeeklyRollupPage() {
  const { id } = useParams();
  const isValidId = zId.safeParse(id).success;
  const rollup = useWeeklyRollup(isValidId ? id : undefined);
  if (!isValidId || isNotFound(rollup.error)) return <NotFound />;
  if (rollup.isError) return <LoadError error={rollup.error} onRetry={() => void rollup.refetch()} />;
  if (!rollup.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <RollupDetail rollup={rollup.data} />;
}
