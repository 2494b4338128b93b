import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { isValidWeek, localDay, type TWeeklyReport, type TWeeklyRollup } from '@duban/domain';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Grid, Row, Skeleton, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { isNotFound } from '../../app/api-client.ts';
import { useReportError } from '../../app/use-report-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/load-error.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { saveFile } from '../../components/save-file.ts';
import { useOverseenUnits } from '../units/overseen-units.tsx';
import { downloadWeeklyReport, useWeeklyReport } from './api.ts';
import { ANNOTATION_STYLE, FIGURE_STYLE, FIGURES_STYLE, RollupFigures, RollupLines } from './rollup-parts.tsx';
import { RollupTasks } from './rollup-tasks.tsx';
import { reportPath } from './week-param.ts';
import { useWeekLabel, WeekPicker } from './week-picker.tsx';

type TTotalKey = Exclude<keyof TWeeklyReport['totals'], 'units' | 'confirmed'>;
const TOTALS: { key: TTotalKey; tone?: 'success' | 'warning' | 'danger' }[] = [
  { key: 'tasks' },
  { key: 'updated', tone: 'success' },
  { key: 'closed' },
  { key: 'milestonesMet', tone: 'success' },
  { key: 'milestonesMissed', tone: 'danger' },
  { key: 'blockers', tone: 'warning' },
];

function ReportTotals({ report }: { report: TWeeklyReport }) {
  const { t } = useTranslation();
  return (
    <div className="duban-figures" style={FIGURES_STYLE} data-testid="report-totals">
      <div className="duban-figure" style={FIGURE_STYLE}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('weeklyRollups.report.confirmedUnits')}
        </Typography.Text>
        <Typography.Text strong style={{ fontSize: 22, lineHeight: 1.3 }}>
          {report.totals.confirmed} / {report.totals.units}
        </Typography.Text>
      </div>
      {TOTALS.map(({ key, tone }) => (
        <div key={key} className="duban-figure" style={FIGURE_STYLE}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`weeklyRollups.figures.${key}`)}
          </Typography.Text>
          <Typography.Text
            strong
            type={report.totals[key] > 0 ? tone : undefined}
            style={{ fontSize: 22, lineHeight: 1.3 }}
          >
            {report.totals[key]}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** One unit's confirmed week: figures, highlights, blockers, the head's annotation and the tasks. */
function ReportUnit({ rollup, isPhone }: { rollup: TWeeklyRollup; isPhone: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="duban-report-unit" data-testid="report-unit">
      <Card
        size="small"
        title={
          <Flex justify="space-between" align="baseline" gap="0 12px" wrap>
            <Link to={`/weekly-rollups/${rollup.id}`} style={{ color: 'inherit' }}>
              {rollup.unitName}
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('weeklyRollups.confirm.confirmedBy', {
                name: rollup.confirmedByName ?? '—',
                at: formatDateTime(rollup.confirmedAt),
              })}
            </Typography.Text>
          </Flex>
        }
      >
        <Flex vertical gap={12}>
          <RollupFigures summary={rollup.summary} isCompact />
          <Row gutter={[16, 8]}>
            <Col xs={24} md={12}>
              <Typography.Text strong>{t('weeklyRollups.highlights')}</Typography.Text>
              <RollupLines
                lines={rollup.summary.highlights}
                emptyText={t('weeklyRollups.noHighlights')}
                testId="report-highlights"
              />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text strong>{t('weeklyRollups.blockerLines')}</Typography.Text>
              <RollupLines
                lines={rollup.summary.blockerLines}
                emptyText={t('weeklyRollups.noBlockers')}
                testId="report-blockers"
              />
            </Col>
          </Row>
          {rollup.annotation ? (
            <div className="duban-annotation" style={ANNOTATION_STYLE} data-testid="report-annotation">
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('weeklyRollups.report.annotationBy', { name: rollup.confirmedByName ?? '—' })}
              </Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {rollup.annotation}
              </Typography.Text>
            </div>
          ) : null}
          <RollupTasks tasks={rollup.tasks} isPhone={isPhone} />
        </Flex>
      </Card>
    </section>
  );
}

const PRINT = typeof window === 'undefined' ? null : window.matchMedia('print');
const onPrintChange = (notify: () => void) => {
  PRINT?.addEventListener('change', notify);
  return () => PRINT?.removeEventListener('change', notify);
};

/** True while the page is laid out for paper, whatever the width of the screen it is printed from. */
function usePrinting(): boolean {
  return useSyncExternalStore(onPrintChange, () => PRINT?.matches ?? false);
}

/** What a printed report opens with: its title, the unit, the week with its dates and the day it was printed. */
function ReportMasthead({ heading, scope, week }: { heading: string; scope: string; week: string }) {
  const { t } = useTranslation();
  return (
    <header className="duban-print-only duban-report-masthead" data-testid="report-masthead">
      <h1>{heading}</h1>
      <div className="duban-report-masthead-line">
        <span data-testid="report-masthead-unit">{t('weeklyRollups.report.masthead.unit', { unit: scope })}</span>
        <span data-testid="report-masthead-week">{t('weeklyRollups.report.masthead.week', { week })}</span>
        <span data-testid="report-masthead-printed">
          {t('weeklyRollups.report.masthead.printedOn', { date: localDay(new Date()) })}
        </span>
      </div>
    </header>
  );
}

interface TReportBodyProps {
  report: TWeeklyReport;
  unitId: string | undefined;
  /** What the report covers when no unit is named: the county, or the several units the user oversees. */
  isCountyWide: boolean;
}

function ReportBody({ report, unitId, isCountyWide }: TReportBodyProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const isPrinting = usePrinting();
  // On paper the tasks are a table, as on a desktop.
  const isPhone = Grid.useBreakpoint().md === false && !isPrinting;
  const week = useWeekLabel()(report.week);
  const scope =
    report.unitName ?? (isCountyWide ? t('weeklyRollups.report.county') : t('weeklyRollups.report.myUnits'));

  const downloading = useMutation({
    mutationFn: () => downloadWeeklyReport(report.week, unitId),
    onSuccess: ({ blob, filename }) => {
      saveFile(blob, filename ?? `${t('weeklyRollups.report.title')}-${scope}-${report.week}.xlsx`);
      void message.success(t('weeklyRollups.report.downloaded'));
    },
    onError: (error) => reportError(error),
  });

  const heading = t('weeklyRollups.report.heading', { scope });
  const weekText = `${week.name}（${week.range}）`;

  return (
    <div className="duban-report" data-testid="weekly-report">
      <ReportMasthead heading={heading} scope={scope} week={weekText} />
      <div className="duban-no-print">
        <PageHeader
          title={<span data-testid="report-title">{heading}</span>}
          subtitle={weekText}
          extra={
            <Flex gap={8} wrap className="duban-no-print">
              <Button
                icon={<DownloadOutlined />}
                loading={downloading.isPending}
                onClick={() => downloading.mutate()}
                data-testid="report-download"
              >
                {t('weeklyRollups.report.download')}
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
                {t('weeklyRollups.report.print')}
              </Button>
            </Flex>
          }
        />
      </div>
      <Flex vertical gap={16}>
        <Card size="small" className="duban-no-print">
          <Flex justify="space-between" align="center" gap={12} wrap>
            <WeekPicker week={report.week} onChange={(next) => navigate(reportPath(next, unitId))} />
            <Link to={`/weekly-rollups?week=${report.week}${unitId ? `&unitId=${unitId}` : ''}`}>
              <ArrowLeftOutlined /> {t('weeklyRollups.report.backToRollups')}
            </Link>
          </Flex>
        </Card>
        <Card size="small" className="duban-report-block">
          <ReportTotals report={report} />
        </Card>
        {report.pending.length > 0 ? (
          <Card
            size="small"
            className="duban-report-block"
            title={t('weeklyRollups.report.pending', { count: report.pending.length })}
            data-testid="report-pending"
          >
            <Flex gap="4px 16px" wrap>
              {report.pending.map((p) => (
                <Link key={p.id} to={`/weekly-rollups/${p.id}`}>
                  {p.unitName}
                </Link>
              ))}
            </Flex>
          </Card>
        ) : null}
        {report.rollups.length === 0 ? (
          <Card size="small">
            <Empty description={t('weeklyRollups.report.noneConfirmed')} />
          </Card>
        ) : (
          report.rollups.map((rollup) => <ReportUnit key={rollup.id} rollup={rollup} isPhone={isPhone} />)
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('weeklyRollups.noTyping')}
        </Typography.Text>
      </Flex>
    </div>
  );
}

/** /weekly-reports/:week — the week's confirmed roll-ups for the county or `?unitId=`, to read, print or download. */
export function WeeklyReportPage() {
  const { week } = useParams();
  const [params] = useSearchParams();
  const overseen = useOverseenUnits();
  const isValid = Boolean(week && isValidWeek(week));
  // Without a unit, a head reads their own unit's report (named as such), a supervisor the county's.
  const unitId = params.get('unitId') ?? (overseen.isLoading ? undefined : overseen.homeUnitId);
  const isReady = isValid && (params.has('unitId') || !overseen.isLoading);
  const report = useWeeklyReport(isReady ? week : undefined, unitId);
  if (!isValid || isNotFound(report.error)) return <NotFound />;
  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <ReportBody report={report.data} unitId={unitId} isCountyWide={overseen.isCountyWide} />;
}
