import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { PACE_YELLOW_POINTS, type TTarget, zId } from '@duban/domain';
import { Button, Card, Col, Descriptions, Flex, Grid, Row, Skeleton, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isNotFound } from '../../app/api-client.ts';
import { LightBadge } from '../../components/light-badge.tsx';
import { LoadError } from '../../components/load-error.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { AllocationEditorModal } from './allocation-editor-modal.tsx';
import { AllocationsCard } from './allocations-card.tsx';
import { useActuals, useTarget } from './api.ts';
import { MonthsGrid } from './months-grid.tsx';
import { ReportActualCard, reportableUnits } from './report-actual-card.tsx';
import { TargetFormModal } from './target-form-modal.tsx';
import { currentYear, formatFigure, monthName } from './target-format.ts';
import { TargetLightCard } from './target-light-card.tsx';
import { AllocationDifference, PaceBar } from './target-parts.tsx';

/** A big figure with its label, as on the light board's summary strip. */
function Figure({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Flex
      vertical
      gap={2}
      style={{
        padding: '8px 14px',
        background: '#f7f9fc',
        border: '1px solid #e5e9f0',
        borderRadius: 6,
        minWidth: 0,
      }}
      data-testid={testId}
    >
      <Typography.Text type="secondary">{label}</Typography.Text>
      {children}
    </Flex>
  );
}

const BIG = { fontSize: 22, lineHeight: '30px', fontWeight: 600, fontVariantNumeric: 'tabular-nums' } as const;

/** How the target is set: its unit, who reports, the kind, direction and way of reporting, the plan. */
function TargetSettings({ target }: { target: TTarget }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, xl: 3 }}
      items={[
        { key: 'unit', label: t('targets.fields.unit'), children: target.unit.name },
        {
          key: 'reportingUnit',
          label: t('targets.fields.reportingUnit'),
          children: target.reportingUnit?.name ?? t('targets.fields.eachUnit'),
        },
        { key: 'kind', label: t('targets.fields.kind'), children: t(`targets.kinds.${target.kind}`) },
        {
          key: 'direction',
          label: t('targets.fields.direction'),
          children: t(`targets.directions.${target.direction}`),
        },
        {
          key: 'accumulation',
          label: t('targets.fields.accumulation'),
          children: t(`targets.accumulations.${target.accumulation}`),
        },
        {
          key: 'plan',
          label: t('targets.fields.plan'),
          children: target.monthlyPlan
            ? target.monthlyPlan.map((v, i) => `${monthName(i + 1)} ${formatFigure(v)}`).join(' · ')
            : t('targets.fields.evenPlan'),
        },
        ...(target.note ? [{ key: 'note', label: t('targets.fields.note'), children: target.note }] : []),
      ]}
    />
  );
}

/** The caller's unit's share of the target, its figure to date, pace and light: what a unit's people read first. */
function OwnAllocationCard({ target }: { target: TTarget }) {
  const { t } = useTranslation();
  const own = target.own;
  if (!own) return null;
  return (
    <Card size="small" title={t('targets.own.title', { unit: own.unit.name })} data-testid="target-own">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 8 }}>
        <Figure label={t('targets.own.amount')} testId="target-own-figure-amount">
          <span style={BIG}>{formatFigure(own.amount)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {target.measure}
          </Typography.Text>
        </Figure>
        <Figure label={t('targets.own.actual')} testId="target-own-figure-actual">
          <span style={BIG}>{formatFigure(own.pace.actual)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {own.pace.actual === null ? t('targets.notReported') : t('targets.toMonth', { month: own.pace.paceMonth })}
          </Typography.Text>
        </Figure>
        <Figure label={t('targets.own.pace')} testId="target-own-figure-pace">
          <Flex align="center" style={{ minHeight: 30 }} data-testid="target-own-light">
            <LightBadge light={own.pace.light} />
          </Flex>
          <PaceBar pace={own.pace} direction={target.direction} />
        </Figure>
      </div>
    </Card>
  );
}

/** The target at a glance: total, allocated, the figure to date, the pace and its light; how it is set when given. */
function TargetOverview({ target, settings }: { target: TTarget; settings: ReactNode }) {
  const { t } = useTranslation();
  const { pace } = target;
  const title = target.own ? t('targets.county.overview', { unit: target.unit.name }) : t('targets.overview');
  return (
    <Card size="small" title={title} data-testid="target-overview">
      <Flex vertical gap={12}>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 8 }}>
          <Figure label={t('targets.columns.total')} testId="target-figure-total">
            <span style={BIG}>{formatFigure(target.total)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {target.measure}
            </Typography.Text>
          </Figure>
          <Figure label={t('targets.columns.allocated')} testId="target-figure-allocated">
            <span style={BIG}>{formatFigure(target.allocated)}</span>
            <AllocationDifference difference={target.difference} measure={target.measure} />
          </Figure>
          <Figure label={t('targets.columns.actual')} testId="target-figure-actual">
            <span style={BIG} data-testid="target-actual">
              {formatFigure(pace.actual)}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {pace.actual === null ? t('targets.notReported') : t('targets.toMonth', { month: pace.paceMonth })}
            </Typography.Text>
          </Figure>
          <Figure label={t('targets.columns.pace')} testId="target-figure-pace">
            <Flex align="center" style={{ minHeight: 30 }}>
              <LightBadge light={pace.light} />
            </Flex>
            <PaceBar pace={pace} direction={target.direction} />
          </Figure>
        </div>
        {settings}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(target.direction === 'higher' ? 'targets.paceRule' : 'targets.paceRuleLower', {
            points: PACE_YELLOW_POINTS,
          })}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function TargetDetail({ target }: { target: TTarget }) {
  const { t } = useTranslation();
  const actuals = useActuals(target.id);
  const [isEditing, setEditing] = useState(false);
  const [isAllocating, setAllocating] = useState(false);
  const [lightUnitId, setLightUnitId] = useState<string | undefined>(undefined);
  const canReport = reportableUnits(target, '').length > 0;

  const showLight = (unitId: string) => {
    setLightUnitId(unitId);
    document.querySelector('[data-testid="target-light"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  // On a phone the reporting form comes first: a liaison opens the page to enter the month's figure.
  const isWide = Grid.useBreakpoint().lg === true;
  const reporting = canReport ? <ReportActualCard target={target} actuals={actuals.data} /> : null;
  const allocations = (
    <AllocationsCard target={target} onAllocate={() => setAllocating(true)} onShowLight={showLight} />
  );
  const months = <MonthsGrid target={target} actuals={actuals.data} />;
  const light = <TargetLightCard target={target} unitId={lightUnitId} onUnitChange={setLightUnitId} />;

  return (
    <>
      <PageHeader
        title={<span data-testid="target-name">{target.name}</span>}
        subtitle={
          <Link to={target.year === currentYear() ? '/targets' : `/targets?year=${target.year}`}>
            <ArrowLeftOutlined /> {t('targets.backToList', { year: target.year })}
          </Link>
        }
        extra={
          target.can.edit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="target-edit">
              {t('common.edit')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <OwnAllocationCard target={target} />
        <TargetOverview target={target} settings={isWide ? <TargetSettings target={target} /> : null} />
        {isWide ? (
          <Row gutter={[16, 16]}>
            <Col span={16}>
              <Flex vertical gap={16}>
                {allocations}
                {months}
              </Flex>
            </Col>
            <Col span={8}>
              <Flex vertical gap={16}>
                {reporting}
                {light}
              </Flex>
            </Col>
          </Row>
        ) : (
          <>
            {reporting}
            {allocations}
            {light}
            {months}
            <Card size="small" title={t('targets.settings')}>
              <TargetSettings target={target} />
            </Card>
          </>
        )}
      </Flex>
      {isEditing ? <TargetFormModal target={target} year={target.year} onClose={() => setEditing(false)} /> : null}
      {isAllocating ? <AllocationEditorModal target={target} onClose={() => setAllocating(false)} /> : null}
    </>
  );
}

/** /targets/:id — one target; unknown or out-of-scope ids show the not-found page. */
export function TargetPage() {
  const { id } = useParams();
  const isValidId = zId.safeParse(id).success;
  const target = useTarget(isValidId ? id : undefined);
  if (!isValidId || isNotFound(target.error)) return <NotFound />;
  if (target.isError) return <LoadError error={target.error} onRetry={() => void target.refetch()} />;
  if (!target.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <TargetDetail target={target.data} />;
}
